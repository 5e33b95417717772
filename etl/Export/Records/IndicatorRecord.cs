namespace PerfEval.Etl.Export.Records;

/// <summary>A row of <c>indicators.csv</c>, from <c>rpt_indicators</c>: one indicator of one report.</summary>
public sealed class IndicatorRecord
{
    public int? Year { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    public string? DepartmentName { get; set; }
    public string? ReportKind { get; set; }
    public string? ProjectName { get; set; }
    public string? Category { get; set; }
    public string? Dimension { get; set; }
    public string? IndicatorName { get; set; }
    public string? TargetText { get; set; }
    public string? ActualText { get; set; }
    public decimal? TargetValue { get; set; }
    public decimal? ActualValue { get; set; }
    public string? Unit { get; set; }
    public decimal? CompletionPct { get; set; }
    public decimal? CompletionComputedPct { get; set; }
    public decimal? CompletionGapPct { get; set; }
    public bool IsFarOverTarget { get; set; }
    public bool IsUnderTarget { get; set; }
    public bool IsCompletionDisagreement { get; set; }
    public string? Source { get; set; }
    public int? EvidenceLine { get; set; }
    public string? EvidenceQuote { get; set; }
}

/// <summary>The columns of <c>indicators.csv</c>.</summary>
public sealed class IndicatorRecordMap : BriefingMap<IndicatorRecord>
{
    public IndicatorRecordMap()
    {
        Whole(r => r.Year, "年度");
        Text(r => r.City, "市");
        Text(r => r.District, "区");
        Text(r => r.DepartmentName, "部门");
        ReportKind(r => r.ReportKind);
        Text(r => r.ProjectName, "项目");
        Text(r => r.Category, "一级指标");
        Text(r => r.Dimension, "二级指标");
        Text(r => r.IndicatorName, "指标");
        Text(r => r.TargetText, "目标值");
        Text(r => r.ActualText, "实际完成值");
        Figure(r => r.TargetValue, "目标值(数值)");
        Figure(r => r.ActualValue, "实际完成值(数值)");
        Text(r => r.Unit, "单位");
        Figure(r => r.CompletionPct, "完成率(%)");
        Figure(r => r.CompletionComputedPct, "计算完成率(%)");
        Figure(r => r.CompletionGapPct, "完成率差(百分点)");
        Flag(r => r.IsFarOverTarget, "远超目标(>130%)");
        Flag(r => r.IsUnderTarget, "未达目标");
        Flag(r => r.IsCompletionDisagreement, "完成率不一致");
        Text(r => r.Source, "来源文件");
        Whole(r => r.EvidenceLine, "行号");
        Text(r => r.EvidenceQuote, "原文");
    }
}
