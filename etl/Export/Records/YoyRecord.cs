namespace PerfEval.Etl.Export.Records;

/// <summary>A row of <c>yoy.csv</c>, from <c>rpt_yoy</c>: one department between two years.</summary>
public sealed class YoyRecord
{
    public string? City { get; set; }
    public string? District { get; set; }
    public string? OrgType { get; set; }
    public string? DepartmentName { get; set; }
    public string? ReportKind { get; set; }
    public string? ProjectName { get; set; }
    public int? PreviousYear { get; set; }
    public int? Year { get; set; }
    public decimal? PreviousTotalScore { get; set; }
    public decimal? TotalScore { get; set; }
    public decimal? ScoreChange { get; set; }
    public decimal? PreviousExecutionRatePct { get; set; }
    public decimal? ExecutionRatePct { get; set; }
    public decimal? ExecutionRateChangePct { get; set; }
    public decimal? PreviousExecutionRateComputedPct { get; set; }
    public decimal? ExecutionRateComputedPct { get; set; }
    public decimal? ExecutionRateComputedChangePct { get; set; }
    public string? PreviousSource { get; set; }
    public int? PreviousTotalScoreEvidenceLine { get; set; }
    public string? PreviousTotalScoreEvidenceQuote { get; set; }
    public int? PreviousExecutionRateEvidenceLine { get; set; }
    public string? PreviousExecutionRateEvidenceQuote { get; set; }
    public string? Source { get; set; }
    public int? TotalScoreEvidenceLine { get; set; }
    public string? TotalScoreEvidenceQuote { get; set; }
    public int? ExecutionRateEvidenceLine { get; set; }
    public string? ExecutionRateEvidenceQuote { get; set; }
}

/// <summary>The columns of <c>yoy.csv</c>.</summary>
public sealed class YoyRecordMap : BriefingMap<YoyRecord>
{
    public YoyRecordMap()
    {
        Text(r => r.City, "市");
        Text(r => r.District, "区");
        Text(r => r.OrgType, "单位类型");
        Text(r => r.DepartmentName, "部门");
        ReportKind(r => r.ReportKind);
        Text(r => r.ProjectName, "项目");
        Whole(r => r.PreviousYear, "上一年度");
        Whole(r => r.Year, "年度");
        Figure(r => r.PreviousTotalScore, "上一年度自评总分");
        Figure(r => r.TotalScore, "自评总分");
        Figure(r => r.ScoreChange, "得分变化");
        Figure(r => r.PreviousExecutionRatePct, "上一年度执行率(%)");
        Figure(r => r.ExecutionRatePct, "执行率(%)");
        Figure(r => r.ExecutionRateChangePct, "执行率变化(百分点)");
        Figure(r => r.PreviousExecutionRateComputedPct, "上一年度计算执行率(%)");
        Figure(r => r.ExecutionRateComputedPct, "计算执行率(%)");
        Figure(r => r.ExecutionRateComputedChangePct, "计算执行率变化(百分点)");
        Text(r => r.PreviousSource, "上一年度来源文件");
        Whole(r => r.PreviousTotalScoreEvidenceLine, "上一年度自评总分行号");
        Text(r => r.PreviousTotalScoreEvidenceQuote, "上一年度自评总分原文");
        Whole(r => r.PreviousExecutionRateEvidenceLine, "上一年度执行率行号");
        Text(r => r.PreviousExecutionRateEvidenceQuote, "上一年度执行率原文");
        Text(r => r.Source, "来源文件");
        Whole(r => r.TotalScoreEvidenceLine, "自评总分行号");
        Text(r => r.TotalScoreEvidenceQuote, "自评总分原文");
        Whole(r => r.ExecutionRateEvidenceLine, "执行率行号");
        Text(r => r.ExecutionRateEvidenceQuote, "执行率原文");
    }
}
