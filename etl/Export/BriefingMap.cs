using System.Linq.Expressions;
using CsvHelper.Configuration;

namespace PerfEval.Etl.Export;

/// <summary>A briefing record's map: Chinese headers, figures with two decimals, 是/否 for flags.</summary>
public abstract class BriefingMap<T> : ClassMap<T>
{
    /// <summary>A figure (score, rate, amount, points) with exactly two decimals; empty when unknown.</summary>
    protected void Figure(Expression<Func<T, decimal?>> member, string header) =>
        Map(member).Name(header).TypeConverterOption.Format("0.00");

    /// <summary>A count, rank, year or line number.</summary>
    protected void Whole<TMember>(Expression<Func<T, TMember?>> member, string header) => Map(member).Name(header);

    protected void Text(Expression<Func<T, string?>> member, string header) => Map(member).Name(header);

    protected void Flag(Expression<Func<T, bool>> member, string header) =>
        Map(member).Name(header).TypeConverterOption.BooleanValues(true, true, "是").TypeConverterOption.BooleanValues(false, true, "否");

    /// <summary>department → 部门整体支出, project → 项目支出.</summary>
    protected void ReportKind(Expression<Func<T, string?>> member, string header = "报告类型")
    {
        var kind = member.Compile();
        Map(member).Name(header).Convert(args => kind(args.Value) switch
        {
            "department" => "部门整体支出",
            "project" => "项目支出",
            var other => other ?? "",
        });
    }
}
