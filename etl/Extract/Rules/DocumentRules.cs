using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>What the report is: its kind, reporting unit, evaluated year and project name.</summary>
internal static partial class DocumentRules
{
    public static void Apply(ParseContext ctx)
    {
        var title = FindTitle(ctx);
        var e = ctx.Extract;
        e.ReportKind = Kind(ctx, title);
        e.ProjectName = e.ReportKind == "project" ? ProjectName(ctx, title) : null;
        e.Department = Department(ctx, title);
        e.Year = Year(ctx, title);
        if (e.ReportKind is null) ctx.Warn("report kind: neither a department (部门整体支出) nor a project (项目支出) report by its title");
        if (e.Department?.Name is null) ctx.Warn("department: no reporting unit found");
        if (e.Year is null) ctx.Warn("year: no evaluated year found");
    }

    /// <summary>The title paragraph: the first one near the top that names a self-evaluation.</summary>
    static (int Start, string Text)? FindTitle(ParseContext ctx)
    {
        var n = 0;
        foreach (var p in ctx.Paragraphs())
        {
            if (n++ > 40) break;
            if (p.Text.Length <= 90 && TitleWords().IsMatch(p.Text) && p.Text.IndexOfAny(['，', '。', '；', ',', ';']) < 0) return p;
        }
        return null;
    }

    static string? Kind(ParseContext ctx, (int Start, string Text)? title)
    {
        if (title is { } t)
        {
            if (ProjectTitle().IsMatch(t.Text)) return "project";
            if (DepartmentTitle().IsMatch(t.Text)) return "department";
        }
        var head = ctx.Flow[..Math.Min(ctx.Flow.Length, 3000)];
        if (ProjectLabel().IsMatch(head)) return "project";
        if (DepartmentTitle().IsMatch(head)) return "department";
        return null;
    }

    static string? ProjectName(ParseContext ctx, (int Start, string Text)? title)
    {
        var m = ProjectLabel().Match(ctx.Flow);
        if (!m.Success && title is { } t && ProjectInTitle().Match(t.Text) is { Success: true } pt)
        {
            // "…局2022年度学生资助项目支出绩效自评报告": the project between the year and 项目.
            var g = pt.Groups["name"];
            var fromTitle = ctx.Text.OriginalCompact(t.Start + g.Index, t.Start + g.Index + g.Length);
            return fromTitle.Length >= 2 ? fromTitle : null;
        }
        if (!m.Success) return null;
        var name = ctx.Text.OriginalCompact(m.Groups["name"].Index, m.Groups["name"].Index + m.Groups["name"].Length).TrimEnd('。', '；', ';');
        return name.Length >= 2 && !Regex.IsMatch(name, "^(?:预算|指标|分值|得分|单位|部门|主管|实施|年初|全年|项目资金|绩效)") ? name : null;
    }

    static DepartmentInfo? Department(ParseContext ctx, (int Start, string Text)? title)
    {
        string? name = null, supervisor = null;
        var inferred = false;
        var implementing = LabelledUnit(ctx, ImplementingUnitLabel());
        var competent = LabelledUnit(ctx, SupervisorLabel());
        var unit = LabelledUnit(ctx, UnitLabel());
        if (ctx.Extract.ReportKind == "project")
        {
            name = implementing ?? unit ?? competent;
            if (competent is not null && competent != name) supervisor = competent;
        }
        else name = unit ?? implementing ?? competent;
        if (name is null && title is { } t) name = NameFromTitle(ctx, t);
        if (name is null)
        {
            name = InferFromBody(ctx);
            inferred = name is not null;
            if (inferred) ctx.Warn($"department: not stated as the reporting unit; inferred from the body as {name}");
        }
        if (name is null) return null;
        var info = Places.Describe(name);
        info.Inferred = inferred;
        info.Supervisor = supervisor;
        return info;
    }

    static string? LabelledUnit(ParseContext ctx, Regex label)
    {
        foreach (Match m in label.Matches(ctx.Flow))
        {
            var g = m.Groups["name"];
            var name = Places.CleanName(ctx.Text.OriginalCompact(g.Index, g.Index + g.Length));
            if (Places.IsOrganisation(name)) return name;
        }
        return null;
    }

    static string? NameFromTitle(ParseContext ctx, (int Start, string Text) title)
    {
        // "广州市天河区教育局2022年度学生资助项目支出绩效自评报告": the unit stands before the year.
        var year = TitleYear().Match(title.Text);
        if (year.Success && year.Index >= 4)
        {
            var before = Places.CleanName(ctx.Text.OriginalCompact(title.Start, title.Start + year.Index));
            if (Places.IsOrganisation(before)) return before;
        }
        var m = TitleName().Match(title.Text);
        if (!m.Success) return null;
        var g = m.Groups["name"];
        var raw = ctx.Text.OriginalCompact(title.Start + g.Index, title.Start + g.Index + g.Length);
        raw = YearInName().Replace(raw, "");
        var name = Places.CleanName(raw);
        return Places.IsOrganisation(name) ? name : null;
    }

    /// <summary>The unit a report speaks for when it never names itself: the full name it uses most, tie broken by "我会/我局".</summary>
    static string? InferFromBody(ParseContext ctx)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in Places.FullOrganisationName().Matches(ctx.Flow))
        {
            ctx.Budget.Check();
            var name = Places.CleanName(ctx.Text.OriginalCompact(m.Index, m.Index + m.Length));
            if (Places.IsOrganisation(name)) counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        if (counts.Count == 0) return null;
        var self = SelfReference().Matches(ctx.Flow).Select(m => m.Groups[1].Value).ToHashSet();
        var ranked = counts
            .Select(kv => (Name: kv.Key, Score: kv.Value * 2 + (self.Any(s => kv.Key.EndsWith(s, StringComparison.Ordinal)) ? 3 : 0)))
            .OrderByDescending(x => x.Score).ToList();
        if (ranked.Count > 1 && ranked[0].Score == ranked[1].Score) return null;
        return ranked[0].Score >= 3 ? ranked[0].Name : null;
    }

    static int? Year(ParseContext ctx, (int Start, string Text)? title)
    {
        var labelled = YearLabel().Match(ctx.Flow);
        if (labelled.Success && Plausible(labelled.Groups["year"].Value) is { } y1) return y1;
        if (title is { } t && TitleYear().Match(t.Text) is { Success: true } ty && Plausible(ty.Groups["year"].Value) is { } y2)
        {
            // "2023年度广州市…自评报告": the year of the title is the evaluated year, unless it is the
            // publication date ("2023年5月").
            return y2;
        }
        var head = ctx.Flow[..Math.Min(ctx.Flow.Length, 400)];
        if (YearOfReport().Match(head) is { Success: true } yr && Plausible(yr.Groups["year"].Value) is { } y3) return y3;
        // Last resort: the year the body speaks of most, leaving out dates (2021年12月), ranges (至2022年)
        // and document numbers (〔2021〕).
        var counts = BodyYear().Matches(ctx.Flow)
            .Select(m => Plausible(m.Groups["year"].Value)).Where(y => y is not null)
            .GroupBy(y => y!.Value).Select(g => (Year: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ToList();
        if (counts.Count == 0 || counts[0].Count < 2 || counts.Count > 1 && counts[1].Count * 2 > counts[0].Count) return null;
        ctx.Warn($"year: not stated in a title or label; {counts[0].Year} is the year the body speaks of most");
        return counts[0].Year;
    }

    static int? Plausible(string digits) =>
        int.TryParse(digits, out var y) && y is >= 2000 and <= 2100 ? y : null;

    [GeneratedRegex(@"自评报告|自评表|自评情况|评价报告|绩效自评|自评结果")]
    private static partial Regex TitleWords();

    [GeneratedRegex(@"项目(?:支出)?(?:绩效)?(?:自评|评价)")]
    private static partial Regex ProjectTitle();

    [GeneratedRegex(@"(?:部门|单位)?整体支出|部门整体|部门(?:支出)?绩效自评|部门绩效")]
    private static partial Regex DepartmentTitle();

    [GeneratedRegex(@"(?<![一二三]级|子)项目名称\s*[:\t\n]?\s*\t*(?<name>[^\t\n:，。；]{2,60})")]
    private static partial Regex ProjectLabel();

    [GeneratedRegex(@"(?:部门名称|单位名称|预算单位(?:名称)?|填报单位|报送单位)(?:\((?:汇总|盖章)\))?\s*[:\t\n]\s*\t*(?<name>[^\t\n:，。；\s]{2,40})")]
    private static partial Regex UnitLabel();

    [GeneratedRegex(@"(?:实施单位|项目单位|执行单位)(?:\(盖章\))?\s*[:\t\n]\s*\t*(?<name>[^\t\n:，。；\s]{2,40})")]
    private static partial Regex ImplementingUnitLabel();

    [GeneratedRegex(@"(?:主管部门|主管单位)(?:\(盖章\))?\s*[:\t\n]\s*\t*(?<name>[^\t\n:，。；\s]{2,40})")]
    private static partial Regex SupervisorLabel();

    /// <summary>"广州市工商业联合会2022年部门整体支出…" or "2023年度广州市…联合会部门整体支出…".</summary>
    [GeneratedRegex(@"^(?:\d{4}年度?)?(?<name>.+?)(?:\d{4}年度?)?(?:部门|单位)?(?:整体支出|部门整体|项目支出|项目绩效|绩效自评|整体绩效|预算绩效)")]
    private static partial Regex TitleName();

    [GeneratedRegex(@"\d{4}年度?")]
    private static partial Regex YearInName();

    [GeneratedRegex(@"(?:局|委员会|委|办|中心|院|会|所|厅|府|处|站|馆|校)\d{4}年度?(?<name>[^\d]{2,40}?)项目(?:支出)?(?:绩效)?(?:自评|评价)")]
    private static partial Regex ProjectInTitle();

    [GeneratedRegex(@"(?:被评价年度|评价年度|预算年度|自评年度|所属年度)\s*[:\t]?\s*\t*(?<year>20\d{2})")]
    private static partial Regex YearLabel();

    [GeneratedRegex(@"(?<year>20\d{2})\s*年(?!\d{1,2}月|\s*\d{1,2}\s*月)")]
    private static partial Regex TitleYear();

    [GeneratedRegex(@"[(（]\s*(?<year>20\d{2})\s*年度?\s*[)）]")]
    private static partial Regex YearOfReport();

    [GeneratedRegex(@"(?<![至到—\-~〔\[【(（])(?<year>20\d{2})\s*年(?!\s*\d{1,2}\s*月)(?!\s*[至到—\-~])")]
    private static partial Regex BodyYear();

    [GeneratedRegex(@"我(会|局|委|办|院|所|厅|中心|处|馆|站|队|司|社|部)")]
    private static partial Regex SelfReference();
}
