using System.CommandLine;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Jobs.Commands;

/// <summary><c>perfeval query "SQL" [--format table|csv|json]</c>: read-only SQL over the warehouse.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql") { Description = "The SQL to run (quote it). The connection is read-only, with no access to other files." };
        var warehouse = WarehouseOption.Create();
        var format = WarehouseOption.Format();
        var command = new Command("query", """
            Run read-only SQL over the warehouse and print the result. Tables: dim_department,
            dim_year, dim_project, dim_indicator, dim_cause, dim_document, fct_evaluation,
            fct_score_part, fct_deduction, fct_deduction_cause, fct_problem, fct_problem_cause,
            fct_indicator_result, fct_project_budget (the score-part, deduction and problem facts
            are views, queried the same way), rpt_* views, etl_run, dq_finding
            (see the README, section "The warehouse"; rows come in no set order unless the
            SQL says order by). The table view aligns Chinese text; csv and json are for Excel
            and scripts (a csv cell that could run as an Excel formula starts with ').
            The query reads the last published snapshot, so it works while a load runs; it cannot
            change the warehouse, read or write other files (COPY, read_csv, ATTACH), or load
            extensions. Exit code 0 on success, 1 for an SQL error or missing warehouse.

            Examples:
              perfeval query "select name, district, org_type from dim_department"
              perfeval query "select * from rpt_scores where year = 2022" --format csv > scores.csv
              perfeval query "select check_name, count(*) from dq_finding group by all" --format json
            """)
        {
            sql, warehouse, format,
        };
        command.SetAction(parse => Run(parse.GetValue(sql)!, parse.GetValue(warehouse)!, parse.GetValue(format)!));
        return command;
    }

    internal static int Run(string sql, string warehousePath, string format, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        try
        {
            // The SQL is untrusted: read-only, and no file, network or extension access outside the warehouse.
            using var connection = new WarehouseFile(warehousePath).OpenSandboxed();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
                command.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(name, value));
            using var reader = command.ExecuteReader();
            ResultRenderer.Write(reader, format, Console.Out);
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DuckDB.NET.Data.DuckDBException or InvalidOperationException)
        {
            Console.Error.WriteLine($"perfeval query: {e.Message}");
            return 1;
        }
    }
}
