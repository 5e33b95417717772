namespace PerfEval.Etl.Export.Records;

/// <summary>A row of <c>causes.csv</c>, from <c>rpt_causes</c>; its evidence is the rows of <c>cause_texts.csv</c>.</summary>
public sealed class CauseRecord
{
    public string? Scope { get; set; }
    public int? Year { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    public string? CauseCode { get; set; }
    public string? CauseNameZh { get; set; }
    public string? CauseNameEn { get; set; }
    public long? Reports { get; set; }
    public long? Departments { get; set; }
    public long? Deductions { get; set; }
    public long? Problems { get; set; }
    public decimal? PointsDeducted { get; set; }
    public long? RankInScope { get; set; }
}

/// <summary>The columns of <c>causes.csv</c>.</summary>
public sealed class CauseRecordMap : BriefingMap<CauseRecord>
{
    public CauseRecordMap()
    {
        Map(r => r.Scope).Name("范围").Convert(args => args.Value.Scope switch
        {
            "all" => "全部年度",
            "year" => "按年度",
            "district" => "按区",
            var other => other ?? "",
        });
        Whole(r => r.Year, "年度");
        Text(r => r.City, "市");
        Text(r => r.District, "区");
        Text(r => r.CauseCode, "原因代码");
        Text(r => r.CauseNameZh, "原因");
        Text(r => r.CauseNameEn, "原因(英文)");
        Whole(r => r.Reports, "涉及报告数");
        Whole(r => r.Departments, "涉及部门数");
        Whole(r => r.Deductions, "扣分项数");
        Whole(r => r.Problems, "问题数");
        Figure(r => r.PointsDeducted, "扣分合计");
        Whole(r => r.RankInScope, "排名");
    }
}
