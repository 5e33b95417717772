namespace PerfEval.Etl.Export;

/// <summary>How a briefing column's values are written.</summary>
public enum PackFormat
{
    /// <summary>Text as it is, with formula injection escaped; an empty text is an empty cell.</summary>
    Text,

    /// <summary>A score, rate, amount or points: exactly two decimals, rounded half away from zero.</summary>
    Figure,

    /// <summary>A count, rank, year or line number.</summary>
    Whole,

    /// <summary>是 or 否.</summary>
    Flag,
}

/// <summary>
/// One column of a briefing file: the <c>rpt_</c> view's column, its Chinese header, how its values are written,
/// and for a coded column (report kind, scope …) the label each code is written as (an unknown code as it is).
/// </summary>
public sealed record PackColumn(string Column, string Header, PackFormat Format, IReadOnlyList<(string Code, string Label)>? Labels = null)
{
    public static PackColumn Text(string column, string header) => new(column, header, PackFormat.Text);

    public static PackColumn Figure(string column, string header) => new(column, header, PackFormat.Figure);

    public static PackColumn Whole(string column, string header) => new(column, header, PackFormat.Whole);

    public static PackColumn Flag(string column, string header) => new(column, header, PackFormat.Flag);

    public static PackColumn Coded(string column, string header, params (string Code, string Label)[] labels) => new(column, header, PackFormat.Text, labels);

    /// <summary>report_kind: department → 部门整体支出, project → 项目支出.</summary>
    public static PackColumn ReportKind(string header = "报告类型") =>
        Coded("report_kind", header, ("department", "部门整体支出"), ("project", "项目支出"));

    /// <summary>The columns that say whose figures a row holds, in the order most briefing files start with.</summary>
    public static IEnumerable<PackColumn> Unit() =>
    [
        Whole("year", "年度"),
        Text("city", "市"),
        Text("district", "区"),
        Text("org_type", "单位类型"),
        Text("department_name", "部门"),
        ReportKind(),
        Text("project_name", "项目"),
    ];
}
