using System.CommandLine;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Jobs.Commands;

/// <summary><c>perfeval runs [--limit N]</c>: the load history from <c>etl_run</c>.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var warehouse = WarehouseOption.Create();
        var format = WarehouseOption.Format();
        var limit = new Option<int>("--limit") { Description = "How many runs to show, newest first.", DefaultValueFactory = _ => 20, HelpName = "N" };
        var command = new Command("runs", """
            Show the load history, newest first: when each run started, whether it succeeded,
            documents seen / new / unchanged / re-extracted / rejected, data-quality findings,
            duration, and the error of a failed run (a failed run committed nothing).

            Examples:
              perfeval runs
              perfeval runs --limit 5 --format json
            """)
        {
            warehouse, format, limit,
        };
        command.SetAction(parse => QueryCommand.Run(
            SqlResources.Read("sql/queries/run_history.sql"), parse.GetValue(warehouse)!, parse.GetValue(format)!,
            new Dictionary<string, object?> { ["limit"] = parse.GetValue(limit) }));
        return command;
    }
}
