namespace PerfEval.Etl.Export.Records;

/// <summary>A row of <c>execution.csv</c>, from <c>rpt_execution</c>.</summary>
public sealed class ExecutionRecord : UnitRecord
{
    public decimal? BudgetWan { get; set; }
    public decimal? SpentWan { get; set; }
    public string? SpentSource { get; set; }
    public decimal? ExecutionRatePct { get; set; }
    public decimal? ExecutionRateComputedPct { get; set; }
    public decimal? ExecutionRateGapPct { get; set; }
    public bool IsRateDisagreement { get; set; }
    public long? RankInYear { get; set; }
    public string? Source { get; set; }
    public int? BudgetEvidenceLine { get; set; }
    public string? BudgetEvidenceQuote { get; set; }
    public int? SpentEvidenceLine { get; set; }
    public string? SpentEvidenceQuote { get; set; }
    public int? ExecutionRateEvidenceLine { get; set; }
    public string? ExecutionRateEvidenceQuote { get; set; }
}

/// <summary>The columns of <c>execution.csv</c>.</summary>
public sealed class ExecutionRecordMap : UnitRecordMap<ExecutionRecord>
{
    public ExecutionRecordMap()
    {
        UnitColumns();
        Figure(r => r.BudgetWan, "预算(万元)");
        Figure(r => r.SpentWan, "支出(万元)");
        Map(r => r.SpentSource).Name("支出来源").Convert(args => args.Value.SpentSource switch
        {
            "stated" => "报告所述",
            "sum_of_sub_projects" => "子项目合计",
            var other => other ?? "",
        });
        Figure(r => r.ExecutionRatePct, "执行率(%)");
        Figure(r => r.ExecutionRateComputedPct, "计算执行率(%)");
        Figure(r => r.ExecutionRateGapPct, "执行率差(百分点)");
        Flag(r => r.IsRateDisagreement, "执行率不一致");
        Whole(r => r.RankInYear, "排名");
        Text(r => r.Source, "来源文件");
        Whole(r => r.BudgetEvidenceLine, "预算行号");
        Text(r => r.BudgetEvidenceQuote, "预算原文");
        Whole(r => r.SpentEvidenceLine, "支出行号");
        Text(r => r.SpentEvidenceQuote, "支出原文");
        Whole(r => r.ExecutionRateEvidenceLine, "执行率行号");
        Text(r => r.ExecutionRateEvidenceQuote, "执行率原文");
    }
}
