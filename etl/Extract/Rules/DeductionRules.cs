using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>
/// Points lost, stated in prose: "一是履职效能版块--部门预算资金支出率，分值为10分，由于…，扣0.06分".
/// Scoring rules ("不合格各扣2分", "每发现一次扣1分", "否则酌情扣分") describe the scale, not this report,
/// and are skipped. A deduction repeated in the problems section is kept once.
/// </summary>
internal static partial class DeductionRules
{
    public static void Apply(ParseContext ctx)
    {
        foreach (Match m in Points().Matches(ctx.Flow))
        {
            ctx.Budget.Check();
            var start = ItemStart(ctx.Flow, m.Index);
            var item = ctx.Flow[start..(m.Index + m.Length)];
            if (Rule().IsMatch(item) || Rule().IsMatch(Tail(ctx.Flow, m)) || RuleSentence().IsMatch(Paragraph(ctx.Flow, m.Index)) || ctx.IsOtherYear(Sentence(ctx.Flow, m.Index))) continue;
            var pg = m.Groups["points"];
            if (!Amounts.IsIsolated(ctx.Flow, pg.Index, pg.Index + pg.Length)) continue;
            var points = Amounts.ParseNumber(pg.Value);
            if (points is null or <= 0 or > 100) continue;
            var d = Describe(item);
            if (d.Reason is null && FollowingReason().Match(ctx.Flow, m.Index + m.Length) is { Success: true } why)
                d.Reason = why.Groups["reason"].Value; // "…扣0.5分，主要原因是…"
            d.Points = Amounts.Clean(points.Value);
            if (d.MaxPoints is { } max && d.Points > max) continue;
            d.Reason = d.Reason?.TrimEnd('，', '。');
            d.Causes = Causes.Classify($"{d.Indicator} {d.Reason}");
            d.Evidence = ctx.Text.EvidenceOf(start, m.Index + m.Length, m.Groups["points"].Index, m.Groups["points"].Index + m.Groups["points"].Length);
            var same = ctx.Extract.Deductions.FirstOrDefault(x => x.Points == d.Points && x.Indicator == d.Indicator && (d.Indicator is not null || x.Reason == d.Reason));
            if (same is not null)
            {
                same.MaxPoints ??= d.MaxPoints;
                same.Section ??= d.Section;
                continue;
            }
            ctx.Extract.Deductions.Add(d);
        }
    }

    /// <summary>
    /// Section (履职效能), indicator, max points (分值) and reason of one item. The indicator is what stands
    /// before 扣 in the clause of the points ("其中部门预算资金支出率扣0.2分") or else the item's first clause
    /// ("一是履职效能版块--部门预算资金支出率，分值为10分，由于…，扣0.06分" → its last "--" part).
    /// </summary>
    static Deduction Describe(string item)
    {
        var text = item[Markers.MarkerLength(item)..];
        var d = new Deduction();
        var section = Section().Match(text);
        if (section.Success && section.Index < 12) d.Section = section.Groups["name"].Value;
        var max = MaxPoints().Match(text);
        if (max.Success) d.MaxPoints = Amounts.ParseNumber(max.Groups["max"].Value);
        var clauses = Regex.Split(text, "[，,]").Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        var last = clauses[^1];
        var before = last.Contains('扣') ? last[..last.LastIndexOf('扣')].Trim() : "";
        before = LeadingFiller().Replace(Regex.Replace(before, @"(?:被|共|合计|累计|各)$", ""), "");
        var middle = clauses.Skip(1).Take(Math.Max(0, clauses.Count - 2)).ToList();
        if (IndicatorLike().IsMatch(before))
        {
            d.Indicator = IndicatorName(before);
            middle = clauses.Count > 1 && !IndicatorLike().IsMatch(IndicatorName(clauses[0])) ? [.. clauses.Take(clauses.Count - 1).Skip(clauses.Count > 2 ? 1 : 0)] : middle;
        }
        else if (clauses.Count > 1 && IndicatorLike().IsMatch(IndicatorName(clauses[0])))
        {
            d.Indicator = IndicatorName(clauses[0]);
            if (before.Length > 1) middle.Add(before);
        }
        else if (before.Length > 1) middle.Add(before);
        var reason = string.Join("，", middle.Where(c => !MaxPoints().IsMatch(c) && !Section().IsMatch(c.Length <= 8 ? c : ""))
            .Select(c => ScoreNote().Replace(c, "").Trim()).Where(c => c.Length > 1));
        d.Reason = reason.Length > 0 ? reason.TrimEnd('，', '。') : null;
        return d;
    }

    /// <summary>"履职效能版块--信息公开--预决算公开合规性" → "预决算公开合规性"; "…支出率指标" → "…支出率".</summary>
    static string IndicatorName(string clause)
    {
        var name = Regex.Split(MaxNote().Replace(clause, ""), "--|——|—|－|-").Select(p => p.Trim()).LastOrDefault(p => p.Length > 0) ?? "";
        name = Regex.Replace(name, @"^(?:履职效能|管理效率|产出指标|效益指标|满意度指标)(?:版块|板块|部分|方面|中)?", "");
        name = LeadingFiller().Replace(name, "");
        return Regex.Replace(name, "(?:指标|项)$", "");
    }

    static int ItemStart(string flow, int index)
    {
        var boundary = flow.LastIndexOfAny(['。', '；', ';', '\n', ':'], Math.Max(0, index - 1));
        var start = boundary < 0 ? 0 : boundary + 1;
        // An inline enumerator ("一是", "二是") after the boundary starts the item.
        var inline = InlineMarker().Matches(flow[start..index]).LastOrDefault();
        return inline is null ? start : start + inline.Index;
    }

    static string Sentence(string flow, int index)
    {
        var start = flow.LastIndexOfAny(['。', '；', ';', '\n'], Math.Max(0, index - 1)) + 1;
        var end = flow.IndexOfAny(['。', '；', ';', '\n'], index);
        return flow[start..(end < 0 ? flow.Length : end)];
    }

    static string Paragraph(string flow, int index)
    {
        var start = flow.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = flow.IndexOf('\n', index);
        return flow[start..(end < 0 ? flow.Length : end)];
    }

    static string Tail(string flow, Match m) => flow.Substring(m.Index + m.Length, Math.Min(6, flow.Length - m.Index - m.Length));

    [GeneratedRegex(@"\G[)）]?[，,:：]?(?:主要)?(?:原因(?:是|为|:)|由于|因为|系|因|受)(?<reason>[^。；;\n]{2,120})")]
    private static partial Regex FollowingReason();

    /// <summary>An indicator's name: short, no verb of cause ("由于", "因"), ending like a measure does.</summary>
    [GeneratedRegex(@"^(?!.*(?:由于|因为|因|导致|未|没有))[^，,]{2,30}(?:指标|率|性|度|情况|数|量|项|公开|管理|制度|目标)$")]
    private static partial Regex IndicatorLike();

    /// <summary>"按规定公开得2分，未按规定时限公开扣1分，未公开不得分": a sentence that awards points is a rule.</summary>
    [GeneratedRegex(@"得\d+(?:\.\d+)?分|不得分|得满分[；;，,]")]
    private static partial Regex RuleSentence();

    /// <summary>"分值10分" / "（10分）" after an indicator's name.</summary>
    [GeneratedRegex(@"(?:(?:分值|满分|权重)(?:为)?\d+(?:\.\d+)?分|[(（]\d+(?:\.\d+)?分[)）])$")]
    private static partial Regex MaxNote();

    /// <summary>"得分9.5分（" before the points: the score, not the reason.</summary>
    [GeneratedRegex(@"(?:自评)?得分(?:为)?\d+(?:\.\d+)?分\s*[(（]?|[(（]$")]
    private static partial Regex ScoreNote();

    [GeneratedRegex(@"^(?:其中|其余|另外|另|此外|同时|主要是|主要为|包括|经自评|经评价)[，,:：]?")]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"(?<!共|合计|累计|总共|共计|总计)(?:扣(?:除|减|了)?|被扣|(?<![增削核])减|失分?)(?<points>\d+(?:\.\d+)?)分")]
    private static partial Regex Points();

    [GeneratedRegex(@"每|各扣|的[，,]?扣|则扣|否则|酌情|扣完为止|最多|最高|不得分|得满分|满分|/次|以内|以上|以下|超过|低于|不超过|视情|按比例|扣分标准|评分标准|^[/／]")]
    private static partial Regex Rule();

    [GeneratedRegex(@"(?<name>履职效能|管理效率|产出指标|效益指标|满意度指标|决策|过程|产出|效益)(?:版块|板块|部分)?")]
    private static partial Regex Section();

    [GeneratedRegex(@"(?:分值|满分|权重)(?:为|是|:)?(?<max>\d+(?:\.\d+)?)分")]
    private static partial Regex MaxPoints();

    [GeneratedRegex(@"(?:其)?[一二三四五六七八九十]是|[(（][一二三四五六七八九十\d]{1,2}[)）]|(?<!\d)\d{1,2}[.、](?!\d)")]
    private static partial Regex InlineMarker();
}
