using PerfEval.Etl.Extract.Rules;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract;

/// <summary>Parses the decoded text of one report into an extract: each rule fills its part.</summary>
internal static partial class ReportParser
{
    /// <summary>The rules in the order they run: later rules read what earlier ones found (kind, project name).</summary>
    static readonly (string Name, Action<ParseContext> Apply)[] Rules =
    [
        ("document", DocumentRules.Apply),
        ("score", ScoreRules.Apply),
        ("budget", BudgetRules.Apply),
        ("budget-table", BudgetTableRules.Apply),
        ("projects", ProjectRules.Apply),
        ("deductions", DeductionRules.Apply),
        ("indicators", IndicatorRules.Apply),
        ("sections", SectionRules.Apply),
    ];

    /// <summary>PERFEVAL_PROFILE_RULES=1 prints each rule's time to stderr (for the benchmark's profiling).</summary>
    static readonly bool Profile = Environment.GetEnvironmentVariable("PERFEVAL_PROFILE_RULES") == "1";

    public static ReportExtract Parse(string text, ParseBudget budget)
    {
        var textStarted = Profile ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        var extract = new ReportExtract();
        var ctx = new ParseContext(ReportText.Parse(text), extract, budget);
        if (Profile) Console.Error.WriteLine($"text: {System.Diagnostics.Stopwatch.GetElapsedTime(textStarted).TotalMilliseconds:0.000} ms");
        if (ctx.Text.SkippedLines > 0)
            extract.Warnings.Add($"{ctx.Text.SkippedLines} line(s) before the report's title were ignored (site banner, file metadata or another report's tail)");
        if (OtherDocument(ctx) is { } other)
        {
            extract.Status = ExtractStatus.Rejected;
            extract.Error = $"not a performance self-evaluation report: its title is \"{other}\"";
            return extract;
        }
        if (!LooksLikeReport(ctx))
        {
            extract.Status = ExtractStatus.Rejected;
            extract.Error = "not a performance self-evaluation report: no 绩效/自评/预算/执行率 wording found";
            return extract;
        }
        foreach (var (name, rule) in Rules)
        {
            var started = Profile ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            rule(ctx);
            if (Profile) Console.Error.WriteLine($"rule {name}: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.000} ms");
        }
        if (extract.Score.Total is null && extract.Budget.BudgetWan is null && extract.Budget.SpentWan is null && extract.Indicators.Count == 0)
        {
            extract.Status = ExtractStatus.Partial;
            extract.Warnings.Add("no score, budget or indicator could be read");
        }
        return extract;
    }

    /// <summary>A title near the top naming another kind of document (决算说明, 通知...), not a self-evaluation.</summary>
    static string? OtherDocument(ParseContext ctx)
    {
        foreach (var line in ctx.Text.Lines.Take(5))
        {
            var t = line.Text.Trim();
            if (t.Length <= 60 && OtherTitle().IsMatch(t) && !ReportTitle().IsMatch(t)) return t;
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:自评|评价|绩效)(?:报告|表)")]
    private static partial System.Text.RegularExpressions.Regex ReportTitle();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:决算说明|预算说明|决算报告|预算报告|预算公开|决算公开|通知|公告|通告|会议纪要|工作总结|工作计划|请示|批复)$")]
    private static partial System.Text.RegularExpressions.Regex OtherTitle();

    /// <summary>A self-evaluation report says so: 自评, or a 绩效评价 report with its result.</summary>
    static bool LooksLikeReport(ParseContext ctx) => ReportWords().IsMatch(ctx.Flow);

    [System.Text.RegularExpressions.GeneratedRegex(@"自评|绩效评价(?:报告|表|结果|结论|得分)|评价(?:得分|结论)|(?:整体|项目)支出绩效")]
    private static partial System.Text.RegularExpressions.Regex ReportWords();
}
