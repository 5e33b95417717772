using System.Text.Json.Serialization;

namespace PerfEval.Etl.Extract;

/// <summary>One parsed report: the <c>perfeval.extract/1</c> object of shared/contract/EXTRACT.md.</summary>
public sealed class ReportExtract
{
    public const string SchemaName = "perfeval.extract/1";

    public string Schema { get; init; } = SchemaName;
    /// <summary>Version of the rules that produced this extract; a change triggers a backfill.</summary>
    public string ExtractorVersion { get; init; } = Extractor.Version;
    public string Source { get; set; } = "";
    public string? Sha256 { get; set; }
    /// <summary><c>ok</c>, <c>partial</c> or <c>rejected</c>.</summary>
    public string Status { get; set; } = ExtractStatus.Ok;
    public string? Error { get; set; }
    public string? Encoding { get; set; }
    /// <summary><c>department</c> (部门整体支出) or <c>project</c> (项目支出).</summary>
    public string? ReportKind { get; set; }
    public DepartmentInfo? Department { get; set; }
    /// <summary>The evaluated year (被评价年度), never the publication year.</summary>
    public int? Year { get; set; }
    public string? ProjectName { get; set; }
    public ScoreInfo Score { get; set; } = new();
    public BudgetInfo Budget { get; set; } = new();
    public List<Deduction> Deductions { get; set; } = [];
    public List<IndicatorRow> Indicators { get; set; } = [];
    public List<ProjectRow> Projects { get; set; } = [];
    public List<Problem> Problems { get; set; } = [];
    public List<string> Measures { get; set; } = [];
    /// <summary>Evidence for every non-null scalar of <see cref="Score"/> and <see cref="Budget"/>, keyed by JSON path.</summary>
    /// <remarks>Read from JSON into this instance, so the keys stay in ordinal order; a new dictionary would sort them by culture.</remarks>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public SortedDictionary<string, Evidence> Evidence { get; set; } = new(StringComparer.Ordinal);
    public List<string> Warnings { get; set; } = [];

    public static ReportExtract Rejected(string source, string? sha256, string error, string? encoding = null) => new()
    {
        Source = source, Sha256 = sha256, Status = ExtractStatus.Rejected, Error = error, Encoding = encoding,
    };
}

/// <summary>Values of <see cref="ReportExtract.Status"/>.</summary>
public static class ExtractStatus
{
    public const string Ok = "ok";
    public const string Partial = "partial";
    public const string Rejected = "rejected";
}

/// <summary>The reporting unit (部门/单位).</summary>
public sealed class DepartmentInfo
{
    public string? Name { get; set; }
    public string? City { get; set; }
    /// <summary>区/县 the unit belongs to; null for a city-level unit.</summary>
    public string? District { get; set; }
    /// <summary><c>city</c>, <c>district</c>, <c>county</c>, <c>town</c> or <c>province</c>.</summary>
    public string? Level { get; set; }
    /// <summary>The kind of organisation (e.g. 工商业联合会), so like departments compare across districts.</summary>
    public string? OrgType { get; set; }
    /// <summary>True when the name was not stated as the reporting unit but inferred from the body.</summary>
    public bool Inferred { get; set; }
    /// <summary>主管部门 when it differs from the reporting unit.</summary>
    public string? Supervisor { get; set; }
}

/// <summary>Self-assessed score (自评得分) and its parts.</summary>
public sealed class ScoreInfo
{
    public decimal? Total { get; set; }
    /// <summary>优 | 良 | 中 | 差 when stated.</summary>
    public string? Grade { get; set; }
    public List<ScorePart> Parts { get; set; } = [];
}

/// <summary>A sub-score such as 履职效能 or 管理效率.</summary>
public sealed class ScorePart
{
    public string Name { get; set; } = "";
    public decimal? Max { get; set; }
    public decimal? Score { get; set; }
}

/// <summary>Budget and spending, in 万元; rates in percent.</summary>
public sealed class BudgetInfo
{
    public decimal? InitialWan { get; set; }
    public decimal? BudgetWan { get; set; }
    public decimal? SpentWan { get; set; }
    public decimal? ExecutionRatePct { get; set; }
    public decimal? AdjustmentRatePct { get; set; }
}

/// <summary>Points lost (扣分) for one scoring item.</summary>
public sealed class Deduction
{
    public string? Section { get; set; }
    public string? Indicator { get; set; }
    public decimal? MaxPoints { get; set; }
    public decimal? Points { get; set; }
    public string? Reason { get; set; }
    public List<string> Causes { get; set; } = [];
    [JsonPropertyName("evidence")] public Evidence? Evidence { get; set; }
}

/// <summary>One row of a performance-indicator table (target vs. actual).</summary>
public sealed class IndicatorRow
{
    public string? Category { get; set; }
    public string? Dimension { get; set; }
    public string Name { get; set; } = "";
    public string? Target { get; set; }
    public string? Actual { get; set; }
    public decimal? TargetValue { get; set; }
    public decimal? ActualValue { get; set; }
    public string? Unit { get; set; }
    /// <summary>As stated, even when it disagrees with actual ÷ target.</summary>
    public decimal? CompletionPct { get; set; }
    public decimal? MaxPoints { get; set; }
    public decimal? Score { get; set; }
    [JsonPropertyName("evidence")] public Evidence? Evidence { get; set; }
}

/// <summary>A named project or sub-project with money.</summary>
public sealed class ProjectRow
{
    public string Name { get; set; } = "";
    public string? Parent { get; set; }
    public decimal? InitialWan { get; set; }
    public decimal? BudgetWan { get; set; }
    public decimal? SpentWan { get; set; }
    public decimal? ExecutionRatePct { get; set; }
    /// <summary>
    /// For spending stated jointly for several sub-projects ("A预算10万元和B预算7万元，实际支出15.85万"):
    /// their names. Such a row carries the joint spending only; each sub-project keeps its own budget row.
    /// </summary>
    public List<string>? Covers { get; set; }
    [JsonPropertyName("evidence")] public Evidence? Evidence { get; set; }
}

/// <summary>One stated problem (存在的主要问题).</summary>
public sealed class Problem
{
    public string Text { get; set; } = "";
    public List<string> Causes { get; set; } = [];
    [JsonPropertyName("evidence")] public Evidence? Evidence { get; set; }
}

/// <summary>Where a figure came from: 1-based line of the decoded file and an exact substring of it.</summary>
public sealed record Evidence(int Line, string Quote);
