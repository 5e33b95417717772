using PerfEval.Etl.Extract.Rules;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract;

/// <summary>Parses the decoded text of one report into an extract: each rule fills its part.</summary>
internal static class ReportParser
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

    /// <summary>A self-evaluation report speaks of performance (绩效) and of evaluation or budget execution.</summary>
    static bool LooksLikeReport(ParseContext ctx)
    {
        var flow = ctx.Flow;
        var performance = flow.Contains("绩效", StringComparison.Ordinal);
        var evaluation = flow.Contains("自评", StringComparison.Ordinal) || flow.Contains("评价", StringComparison.Ordinal);
        var money = flow.Contains("预算", StringComparison.Ordinal) || flow.Contains("执行率", StringComparison.Ordinal) || flow.Contains("支出", StringComparison.Ordinal);
        return performance && (evaluation || money);
    }
}
