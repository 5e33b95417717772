namespace PerfEval.Etl.Export.Records;

/// <summary>A row of <c>cause_texts.csv</c>, from <c>rpt_cause_texts</c>: one text under one cause code.</summary>
public sealed class CauseTextRecord
{
    public int? Year { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    public string? DepartmentName { get; set; }
    public string? CauseCode { get; set; }
    public string? CauseNameZh { get; set; }
    public bool IsUnclassified { get; set; }
    public string? TextKind { get; set; }
    public string? Indicator { get; set; }
    public string? Text { get; set; }
    public decimal? PointsDeducted { get; set; }
    public string? Source { get; set; }
    public int? EvidenceLine { get; set; }
    public string? EvidenceQuote { get; set; }
}

/// <summary>The columns of <c>cause_texts.csv</c>.</summary>
public sealed class CauseTextRecordMap : BriefingMap<CauseTextRecord>
{
    public CauseTextRecordMap()
    {
        Whole(r => r.Year, "年度");
        Text(r => r.City, "市");
        Text(r => r.District, "区");
        Text(r => r.DepartmentName, "部门");
        Text(r => r.CauseCode, "原因代码");
        Text(r => r.CauseNameZh, "原因");
        Flag(r => r.IsUnclassified, "未归类");
        Map(r => r.TextKind).Name("类型").Convert(args => args.Value.TextKind switch
        {
            "deduction" => "扣分",
            "problem" => "问题",
            var other => other ?? "",
        });
        Text(r => r.Indicator, "指标");
        Text(r => r.Text, "内容");
        Figure(r => r.PointsDeducted, "扣分");
        Text(r => r.Source, "来源文件");
        Whole(r => r.EvidenceLine, "行号");
        Text(r => r.EvidenceQuote, "原文");
    }
}
