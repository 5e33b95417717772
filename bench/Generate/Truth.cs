using System.Text.Json.Nodes;

namespace PerfEval.Bench.Generate;

/// <summary>
/// The true values of one generated report, in the golden-file format of shared/golden/seeds.expected.json:
/// only what the text states is listed, so every listed value is a check.
/// </summary>
public sealed class Truth
{
    public string? Status { get; set; }
    public string? ReportKind { get; set; }
    public string? DepartmentName { get; set; }
    public Area? Area { get; set; }
    public bool? Inferred { get; set; }
    public int? Year { get; set; }
    public string? ProjectName { get; set; }
    public decimal? ScoreTotal { get; set; }
    public string? Grade { get; set; }
    public bool GradeStated { get; set; }
    public List<(string Name, decimal? Max, decimal Score)> Parts { get; } = [];
    public decimal? InitialWan { get; set; }
    public decimal? BudgetWan { get; set; }
    public decimal? SpentWan { get; set; }
    public decimal? ExecutionRatePct { get; set; }
    public decimal? AdjustmentRatePct { get; set; }
    public bool BudgetChecked { get; set; } = true;
    public List<(string Indicator, string Section, decimal? Max, decimal Points, string[] Causes)> Deductions { get; } = [];
    public List<(string Name, decimal? Target, decimal? Actual, string? TargetText, decimal? CompletionPct)> Indicators { get; } = [];
    public List<(string Name, decimal? Budget, decimal? Spent)> Projects { get; } = [];
    public List<string[]> Problems { get; } = [];
    public int? Measures { get; set; }

    /// <summary>The golden-format object; <paramref name="file"/> is the path relative to the corpus root.</summary>
    public JsonObject ToJson(string file)
    {
        var o = new JsonObject { ["file"] = file };
        if (Status is not null)
        {
            o["status"] = Status;
            return o;
        }
        o["report_kind"] = ReportKind;
        var dept = new JsonObject { ["name"] = DepartmentName, ["city"] = Area!.City, ["district"] = Area.District, ["level"] = Area.Level };
        if (Inferred is { } inferred) dept["inferred"] = inferred;
        o["department"] = dept;
        o["year"] = Year;
        o["project_name"] = ProjectName;
        var score = new JsonObject { ["total"] = ScoreTotal };
        if (GradeStated) score["grade"] = Grade;
        if (Parts.Count > 0)
        {
            score["parts"] = new JsonArray([.. Parts.Select(p =>
            {
                var part = new JsonObject { ["name"] = p.Name };
                if (p.Max is { } max) part["max"] = max;
                part["score"] = p.Score;
                return (JsonNode)part;
            })]);
        }
        o["score"] = score;
        if (BudgetChecked)
        {
            o["budget"] = new JsonObject
            {
                ["initial_wan"] = InitialWan, ["budget_wan"] = BudgetWan, ["spent_wan"] = SpentWan,
                ["execution_rate_pct"] = ExecutionRatePct, ["adjustment_rate_pct"] = AdjustmentRatePct,
            };
        }
        o["deductions_count"] = Deductions.Count;
        if (Deductions.Count > 0)
        {
            o["deductions"] = new JsonArray([.. Deductions.Select(d =>
            {
                var row = new JsonObject { ["section"] = d.Section, ["indicator"] = d.Indicator };
                if (d.Max is { } max) row["max_points"] = max;
                row["points"] = d.Points;
                row["causes"] = new JsonArray([.. d.Causes.Select(c => (JsonNode)c)]);
                return (JsonNode)row;
            })]);
        }
        if (Indicators.Count > 0)
        {
            o["indicators"] = new JsonArray([.. Indicators.Select(i =>
            {
                var row = new JsonObject { ["name"] = i.Name };
                if (i.TargetText is { } t) { row["target"] = t; row["actual"] = t; }
                else { row["target_value"] = i.Target; row["actual_value"] = i.Actual; }
                if (i.CompletionPct is { } c) row["completion_pct"] = c;
                return (JsonNode)row;
            })]);
        }
        if (Projects.Count > 0)
        {
            o["projects"] = new JsonArray([.. Projects.Select(p =>
            {
                var row = new JsonObject { ["name"] = p.Name };
                if (p.Budget is { } b) row["budget_wan"] = b;
                if (p.Spent is { } s) row["spent_wan"] = s;
                return (JsonNode)row;
            })]);
        }
        o["problems_count"] = Problems.Count;
        if (Measures is { } m) o["measures_count"] = m;
        var causes = Deductions.SelectMany(d => d.Causes).Concat(Problems.SelectMany(p => p)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (causes.Count > 0) o["cause_set"] = new JsonArray([.. causes.Select(c => (JsonNode)c)]);
        return o;
    }
}
