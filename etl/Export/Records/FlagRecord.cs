namespace PerfEval.Etl.Export.Records;

/// <summary>A row of <c>flags.csv</c>, from <c>rpt_flags</c>: a high self-score with weak objective measures.</summary>
public sealed class FlagRecord : UnitRecord
{
    public decimal? TotalScore { get; set; }
    public decimal? ExecutionRatePct { get; set; }
    public decimal? ExecutionRateComputedPct { get; set; }
    public long? Indicators { get; set; }
    public long? IndicatorsUnderTarget { get; set; }
    public bool IsLowExecution { get; set; }
    public bool HasUnmetIndicators { get; set; }
    public string? Reason { get; set; }
    public string? Source { get; set; }
    public int? TotalScoreEvidenceLine { get; set; }
    public string? TotalScoreEvidenceQuote { get; set; }
    public int? ExecutionRateEvidenceLine { get; set; }
    public string? ExecutionRateEvidenceQuote { get; set; }
    public int? SpentEvidenceLine { get; set; }
    public string? SpentEvidenceQuote { get; set; }
}

/// <summary>The columns of <c>flags.csv</c>.</summary>
public sealed class FlagRecordMap : UnitRecordMap<FlagRecord>
{
    public FlagRecordMap()
    {
        UnitColumns();
        Figure(r => r.TotalScore, "自评总分");
        Figure(r => r.ExecutionRatePct, "执行率(%)");
        Figure(r => r.ExecutionRateComputedPct, "计算执行率(%)");
        Whole(r => r.Indicators, "指标数");
        Whole(r => r.IndicatorsUnderTarget, "未达目标指标数");
        Flag(r => r.IsLowExecution, "执行率低于90%");
        Flag(r => r.HasUnmetIndicators, "有未达目标指标");
        Text(r => r.Reason, "提示");
        Text(r => r.Source, "来源文件");
        Whole(r => r.TotalScoreEvidenceLine, "自评总分行号");
        Text(r => r.TotalScoreEvidenceQuote, "自评总分原文");
        Whole(r => r.ExecutionRateEvidenceLine, "执行率行号");
        Text(r => r.ExecutionRateEvidenceQuote, "执行率原文");
        Whole(r => r.SpentEvidenceLine, "支出行号");
        Text(r => r.SpentEvidenceQuote, "支出原文");
    }
}
