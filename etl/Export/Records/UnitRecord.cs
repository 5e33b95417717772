namespace PerfEval.Etl.Export.Records;

/// <summary>The columns that say whose figures a row holds: year, place, kind of unit, unit, report, project.</summary>
public abstract class UnitRecord
{
    public int? Year { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    public string? OrgType { get; set; }
    public string? DepartmentName { get; set; }
    public string? ReportKind { get; set; }
    public string? ProjectName { get; set; }
}

/// <summary>Maps the <see cref="UnitRecord"/> columns, in the order every briefing file starts with.</summary>
public abstract class UnitRecordMap<T> : BriefingMap<T> where T : UnitRecord
{
    protected void UnitColumns()
    {
        Whole(r => r.Year, "年度");
        Text(r => r.City, "市");
        Text(r => r.District, "区");
        Text(r => r.OrgType, "单位类型");
        Text(r => r.DepartmentName, "部门");
        ReportKind(r => r.ReportKind);
        Text(r => r.ProjectName, "项目");
    }
}
