using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>The self-assessed score: total (自评总分), grade (优良中差) and parts (履职效能, 管理效率...).</summary>
internal static partial class ScoreRules
{
    public static void Apply(ParseContext ctx)
    {
        Parts(ctx);
        Total(ctx);
        Grade(ctx);
    }

    static void Total(ParseContext ctx)
    {
        var candidates = new List<(int Rank, decimal Value, Match Statement, Group Group)>();
        foreach (Match m in TotalStatement().Matches(ctx.Flow))
        {
            ctx.Budget.Check();
            if (IsPartStatement(ctx.Flow, m.Index) || IsRule(ctx.Flow, m) || IsComparison(ctx.Flow, m.Index) || IsForeign(ctx, m.Index)) continue;
            var g = m.Groups["second"].Success && Amounts.ParseNumber(m.Groups["v"].Value) == 100m ? m.Groups["second"] : m.Groups["v"];
            var v = Amounts.ParseNumber(g.Value);
            if (v is null || v > 100m) continue;
            var rank = StrongLabel().IsMatch(m.Groups["label"].Value) ? 0 : 1;
            candidates.Add((rank, v.Value, m, g));
        }
        foreach (Match m in SumOfParts().Matches(ctx.Flow))
        {
            // "自评得分：履职效能47分，管理效率48分，合计95分": the sum after the parts is the total.
            var sentence = ctx.Flow[SentenceStart(ctx.Flow, m.Index)..m.Index];
            if (!PartName().IsMatch(sentence) || !ScoreWord().IsMatch(sentence) || IsComparison(ctx.Flow, m.Index) || Regex.IsMatch(sentence, "构成|组成|满分|分值")) continue;
            var v = Amounts.ParseNumber(m.Groups["v"].Value);
            if (v is not null && v <= 100m) candidates.Add((0, v.Value, m, m.Groups["v"]));
        }
        foreach (Match m in TableTotal().Matches(ctx.Flow))
        {
            var v = Amounts.ParseNumber(m.Groups["v"].Value);
            if (v is not null && v <= 100m) candidates.Add((0, v.Value, m, m.Groups["v"]));
        }
        if (candidates.Count == 0) return;
        var best = candidates.Min(c => c.Rank);
        var top = candidates.Where(c => c.Rank == best).ToList();
        if (top.Select(c => c.Value).Distinct().Count() > 1)
        {
            ctx.Warn($"score.total: the report states different totals ({string.Join(", ", top.Select(c => c.Value).Distinct())}); left empty");
            return;
        }
        var chosen = top[0];
        if (ctx.Prove("score.total", chosen.Statement, chosen.Group)) ctx.Extract.Score.Total = Amounts.Clean(chosen.Value);
    }

    static void Parts(ParseContext ctx)
    {
        var parts = ctx.Extract.Score.Parts;
        foreach (Match m in PartStatement().Matches(ctx.Flow))
        {
            ctx.Budget.Check();
            var name = m.Groups["name"].Value;
            if (parts.Any(p => p.Name == name)) continue;
            var part = new ScorePart { Name = name };
            var index = parts.Count;
            if (m.Groups["max"].Success && ctx.Prove($"score.parts[{index}].max", m, m.Groups["max"]))
                part.Max = Amounts.ParseNumber(m.Groups["max"].Value);
            if (m.Groups["score"].Success && ctx.Prove($"score.parts[{index}].score", m, m.Groups["score"]))
                part.Score = Amounts.ParseNumber(m.Groups["score"].Value);
            if (part.Score is null && part.Max is null) continue;
            if (part.Max is { } max && part.Score is { } score && score > max)
            {
                ctx.Warn($"score.parts: {name} scores {score} of {max}; left empty");
                continue;
            }
            parts.Add(part);
        }
    }

    static void Grade(ParseContext ctx)
    {
        // A grade in a sentence about a project of a department report is that project's grade.
        var m = GradeStatement().Matches(ctx.Flow).FirstOrDefault(g => !IsForeign(ctx, g.Index)
            && !(ctx.Extract.ReportKind == "department" && ctx.Flow[SentenceStart(ctx.Flow, g.Index)..g.Index].Contains("项目", StringComparison.Ordinal)));
        if (m is null) return;
        var grade = m.Groups["grade"].Value switch { "优秀" or "优" => "优", "良好" or "良" => "良", "中" or "中等" => "中", "差" or "较差" => "差", _ => null };
        if (grade is null) return;
        if (ctx.Prove("score.grade", m, m.Groups["grade"])) ctx.Extract.Score.Grade = grade;
    }

    /// <summary>"其中履职效能分值为50分，自评得分为49.94分": a score after a part name in the same clause is that part's.</summary>
    static bool IsPartStatement(string flow, int labelIndex)
    {
        var start = Math.Max(0, labelIndex - 40);
        var before = flow[start..labelIndex];
        var cut = before.LastIndexOfAny(['。', '；', ';', '\n']);
        if (cut >= 0) before = before[(cut + 1)..];
        return PartName().IsMatch(before) || before.Contains("其中", StringComparison.Ordinal);
    }

    /// <summary>"较2022年度综合得分94.3分提高2.1分": a score of another year or unit, cited for comparison.</summary>
    /// <summary>
    /// A score of something else: another year ("2021年度，我局…自评得分96分"), a project inside a department
    /// report ("城市照明项目自评总分为96分"), an indicator ("满意率分值10分，自评得分9分"), an appendix.
    /// </summary>
    static bool IsForeign(ParseContext ctx, int labelIndex)
    {
        var sentence = ctx.Flow[SentenceStart(ctx.Flow, labelIndex)..labelIndex];
        if (ctx.IsOtherYear(sentence) || ctx.InAppendix(labelIndex)) return true;
        var clause = sentence[(sentence.LastIndexOfAny(['，', ',']) + 1)..];
        if (ctx.Extract.ReportKind == "department" && Regex.IsMatch(clause, "项目|子项")) return true;
        return Regex.IsMatch(sentence, @"(?:分值|满分|权重)(?:为)?(?!100(?:\.0+)?分)\d{1,2}(?:\.\d+)?分");
    }

    static bool IsComparison(string flow, int labelIndex)
    {
        var start = Math.Max(0, labelIndex - 30);
        var before = flow[start..labelIndex];
        var cut = before.LastIndexOfAny(['，', ',', '。', '；', ';', '\n']);
        if (cut >= 0) before = before[(cut + 1)..];
        return Comparison().IsMatch(before);
    }

    static int SentenceStart(string flow, int index)
    {
        var i = flow.LastIndexOfAny(['。', '；', ';', '\n'], Math.Max(0, index - 1));
        return i < 0 ? 0 : i + 1;
    }

    [GeneratedRegex(@"较|比|同比|上年|去年|上一年|同期|相比|排名|平均")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"(?:合计|共计|总计)(?:为|是|:)?(?<v>\d{1,3}(?:\.\d{1,2})?)(?![\d.%])分")]
    private static partial Regex SumOfParts();

    [GeneratedRegex(@"得分|自评|评分")]
    private static partial Regex ScoreWord();

    /// <summary>Scoring rules ("自评得分90分以上为优") describe the scale, not this report.</summary>
    static bool IsRule(string flow, Match m)
    {
        var after = flow.AsSpan(m.Index + m.Length, Math.Min(8, flow.Length - m.Index - m.Length));
        if (after.StartsWith("分")) after = after[1..];
        return after.StartsWith("以上") || after.StartsWith("以下") || after.StartsWith("(含)") || after.StartsWith("及以上") || after.StartsWith("-") || after.StartsWith("～") || after.StartsWith("~") || after.StartsWith("为优") || after.StartsWith("为良");
    }

    [GeneratedRegex(@"(?<label>自评总分|自评总得分|评价总分|总得分|综合评分|综合得分|自评得分|自评分值|自评分数|自评分|评价得分|自评结果得分|得分合计|合计得分|最终得分|自评结果为)(?<mid>(?:[ \t:]|为|是|达到|达|共计|约|\(分\)|\((?:满分|总分)(?:为)?100(?:\.0+)?分?\)|评定为|确定为)*)(?<v>\d{1,3}(?:\.\d{1,2})?)(?!\d|\.\d|%)(?:[\t ]+(?<second>\d{1,2}(?:\.\d{1,2})?)(?![\d.%]))?")]
    private static partial Regex TotalStatement();

    [GeneratedRegex(@"自评总分|评价总分|总得分|综合评分|综合得分|自评总得分|最终得分")]
    private static partial Regex StrongLabel();

    /// <summary>A scoring table's last row: "总分  100  95.5" (cells by tab or one per line).</summary>
    [GeneratedRegex(@"(?:^|[\t\n])(?:总分(?:\(分\))?(?:\t+100(?:\.0+)?\t+(?<v>\d{1,3}(?:\.\d{1,2})?)\t*(?=\n|$)|\n100(?:\.0+)?\n(?<v>\d{1,3}(?:\.\d{1,2})?)(?=\n|$))|(?:总计|合计|得分合计)\t+100(?:\.0+)?\t+(?<v>\d{1,3}(?:\.\d{1,2})?)\t*(?=\n|$))")]
    private static partial Regex TableTotal();

    [GeneratedRegex(@"履职效能|管理效率|产出指标|效益指标|满意度指标|决策指标|过程指标")]
    private static partial Regex PartName();

    [GeneratedRegex(@"(?<![社会经济生态服务对象可持续])(?<name>履职效能|管理效率|产出指标|效益指标|满意度指标|决策指标|过程指标)(?:版块|板块|部分|方面|类)?(?:(?:的)?(?<!自评)(?:分值|满分|权重分?|总分)(?:为|是|:)?(?<max>\d{1,3}(?:\.\d{1,2})?)分?[，,、]?(?:其中)?(?:(?:自评|实际)?(?:得分|分值)|自评分|得)(?:为|是|:)?(?<score>\d{1,3}(?:\.\d{1,2})?)分|(?:的)?(?:自评得分|自评分值|自评分|得分|实际得分)(?:为|是|:)?(?<score>\d{1,3}(?:\.\d{1,2})?)分(?:\((?:满分|分值)(?:为)?(?<max>\d{1,3}(?:\.\d{1,2})?)分?\))?|(?:的)?(?<!自评)(?:分值|满分)(?:为|是|:)?(?<max>\d{1,3}(?:\.\d{1,2})?)分)")]
    private static partial Regex PartStatement();

    [GeneratedRegex(@"(?:自评结果|评价结果|自评等级|评价等级|绩效等级|评定等级|自评结论|等级)(?:为|是|:|\t+|评定为|确定为)[“""']?(?<grade>优秀|优|良好|良|中等|中|较差|差)(?![、，,和与及(（]|\s*[(（]?\d)")]
    private static partial Regex GradeStatement();
}
