using System.CommandLine;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Jobs.Commands;

/// <summary>The <c>--warehouse FILE</c> option every command that reads or writes the warehouse takes.</summary>
internal static class WarehouseOption
{
    public static Option<string> Create() => new("--warehouse")
    {
        Description = "The DuckDB warehouse file, relative to the current folder.",
        DefaultValueFactory = _ => WarehouseFile.DefaultPath,
        HelpName = "FILE",
    };

    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "Output: table (aligned, for reading), csv (for Excel and scripts) or json (an array of objects).",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "csv", "json");
}
