namespace PerfEval.Etl.Report;

/// <summary>One comparison <c>perfeval compare</c> prints: an <c>rpt_</c> view of <c>sql/reports/</c> and the order its rows read in.</summary>
public sealed record Comparison(string Name, string View, string OrderBy, string Summary)
{
    public static readonly Comparison Scores = new("scores", "rpt_scores",
        "year, org_type, report_kind, city, is_benchmark desc, rank_in_group nulls last, department_name",
        "self-assessed scores per year and comparable group (org_type × report kind): total and part scores, rank in group, difference from the group median, and the city-level unit as the benchmark of its districts");

    public static readonly Comparison Execution = new("execution", "rpt_execution",
        "year, report_kind, rank_in_year nulls last, city, department_name, project_name",
        "budget execution: budget, spent, the execution rate as stated beside spent ÷ budget, their disagreement, and the rank within year and report kind; project reports beside department reports");

    public static readonly Comparison Causes = new("causes", "rpt_causes",
        "case scope when 'all' then 0 when 'year' then 1 else 2 end, year, city, district nulls first, rank_in_scope, cause_code",
        "deduction causes (sql/taxonomy/causes.csv): per cause code, how many reports and departments, deductions and problems, points deducted; over all years, per year and per district");

    public static readonly Comparison CauseTexts = new("texts", "rpt_cause_texts",
        "year, city, district nulls first, department_name, text_kind, seq, cause_code",
        "every deduction reason and problem text with its cause code and evidence; is_unclassified marks the ones no rule of the taxonomy matched");

    public static readonly Comparison Yoy = new("yoy", "rpt_yoy",
        "org_type, city, district nulls first, department_name, report_kind, project_name, year",
        "year over year, per department: change in total score and execution rate (stated and computed) from the closest earlier year present");

    public static readonly Comparison Indicators = new("indicators", "rpt_indicators",
        "year, city, district nulls first, department_name, project_name, indicator_seq",
        "performance indicators: completion as stated beside actual ÷ target, far over target (>130%, a target set too low), under target, and stated-vs-computed disagreements");

    public static readonly Comparison Flags = new("flags", "rpt_flags",
        "year, city, district nulls first, department_name, project_name",
        "high self-score (98 or more) with weak objective measures: execution under 90% or indicators under target");

    /// <summary>Every comparison, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<Comparison> All { get; } = [Scores, Execution, Causes, CauseTexts, Yoy, Indicators, Flags];

    public static Comparison? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
