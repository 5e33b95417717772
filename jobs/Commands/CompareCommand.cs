using System.CommandLine;
using PerfEval.Etl.Report;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Jobs.Commands;

/// <summary><c>perfeval compare VIEW [--year N] [--city C] [--district D] [--org ORG]</c>: one <c>rpt_</c> view, filtered.</summary>
internal static class CompareCommand
{
    /// <summary>The columns of the unclassified texts printed under <c>compare causes</c>.</summary>
    const string UnclassifiedColumns = "year, city, district, department_name, text_kind, indicator, text, source, evidence_line";

    public static Command Create()
    {
        var view = new Argument<string>("view") { Description = "Which comparison: " + string.Join(", ", Comparison.All.Select(c => c.Name)) + "." };
        view.AcceptOnlyFromAmong([.. Comparison.All.Select(c => c.Name)]);
        var warehouse = WarehouseOption.Create();
        var format = WarehouseOption.Format();
        var year = new Option<int?>("--year") { Description = "Only this evaluated year (被评价年度).", HelpName = "N" };
        var city = new Option<string?>("--city") { Description = "Only this city, e.g. 广州市.", HelpName = "C" };
        var district = new Option<string?>("--district") { Description = "Only this district, e.g. 天河区 (city-level units have none).", HelpName = "D" };
        var org = new Option<string?>("--org") { Description = "Only this organisation type (the comparable group), e.g. 工商业联合会.", HelpName = "ORG" };
        var command = new Command("compare", """
            Compare departments across districts and years. Each VIEW is an rpt_* view of the
            warehouse (sql/reports/), so analysts can query it directly with the same columns; the
            filters become a WHERE over its year, city, district and org_type columns (ranks and
            medians are computed before filtering). Current reports only; every figure carries the
            source file and the line and quote it came from.
              scores      rpt_scores: per year and comparable group (org_type × report kind), each
                          department's total and part scores, rank in group, difference from the
                          group median, and the city-level unit as the benchmark of its districts.
                            perfeval compare scores --year 2022 --org 工商业联合会
              execution   rpt_execution: budget, spent, execution rate as stated and computed
                          (spent ÷ budget), their gap, rank in year; project reports beside
                          department reports.
                            perfeval compare execution --city 广州市 --format csv > execution.csv
              causes      rpt_causes: per deduction-cause code (sql/taxonomy/causes.csv, Chinese and
                          English names) how many reports and departments, deductions and problems,
                          points deducted; over all years, per year and per district. As a table,
                          followed by the texts no rule classified (cause other).
                            perfeval compare causes --year 2022
              texts       rpt_cause_texts: every deduction reason and problem text with its cause
                          code and evidence; is_unclassified marks what the taxonomy missed.
                            perfeval query "select text from rpt_cause_texts where is_unclassified"
              yoy         rpt_yoy: per department, change in score and execution rate from the
                          closest earlier year present.
                            perfeval compare yoy --district 天河区
              indicators  rpt_indicators: completion as stated and computed, far over target (>130%,
                          a target set too low), under target, and disagreements.
                            perfeval compare indicators --format json
              flags       rpt_flags: self-score of 98 or more while execution is under 90% or
                          indicators are under target.
                            perfeval compare flags
            Exit code 0 on success, 1 for a missing warehouse or an SQL error, 2 for usage errors
            (e.g. --org on causes, which has no org_type column).
            """)
        {
            view, warehouse, format, year, city, district, org,
        };
        command.SetAction(parse => Run(
            parse.GetValue(view)!, parse.GetValue(warehouse)!, parse.GetValue(format)!,
            new ComparisonFilter(parse.GetValue(year), parse.GetValue(city), parse.GetValue(district), parse.GetValue(org)),
            Console.Out, Console.Error));
        return command;
    }

    internal static int Run(string view, string warehousePath, string format, ComparisonFilter filter, TextWriter output, TextWriter error)
    {
        var comparison = Comparison.Find(view);
        if (comparison is null)
        {
            error.WriteLine($"perfeval compare: no view {view}; one of {string.Join(", ", Comparison.All.Select(c => c.Name))}");
            return 2;
        }
        try
        {
            using var connection = new WarehouseFile(warehousePath).OpenReadOnly();
            var query = ComparisonQuery.Build(connection, comparison, filter);
            query.Read(connection, reader => { ResultRenderer.Write(reader, format, output); return 0; });
            if (comparison == Comparison.Causes && format == "table")
            {
                output.WriteLine();
                output.WriteLine("texts no rule classified (cause other; extend sql/taxonomy/causes.csv):");
                ComparisonQuery.Build(connection, Comparison.CauseTexts, filter, "is_unclassified", UnclassifiedColumns)
                    .Read(connection, reader => { ResultRenderer.Write(reader, format, output); return 0; });
            }
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"perfeval compare: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or DuckDB.NET.Data.DuckDBException)
        {
            error.WriteLine($"perfeval compare: {e.Message}");
            return 1;
        }
    }
}
