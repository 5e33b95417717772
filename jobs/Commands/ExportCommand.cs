using System.CommandLine;
using PerfEval.Etl.Export;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Jobs.Commands;

/// <summary><c>perfeval export [--out DIR] [--year N]</c>: the leadership briefing pack.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var warehouse = WarehouseOption.Create();
        var output = new Option<string>("--out") { Description = "Folder to write the CSV files into (created when missing).", DefaultValueFactory = _ => BriefingPack.DefaultFolder, HelpName = "DIR" };
        var year = new Option<int?>("--year") { Description = "Only this evaluated year.", HelpName = "N" };
        var command = new Command("export", $"""
            Write the leadership briefing pack: one CSV per comparison ({string.Join(", ", BriefingPack.Files.Select(f => f.File))}),
            read from the rpt_* views that `perfeval compare` prints. UTF-8 with BOM so Excel on a
            Chinese desktop opens them as they are, Chinese column headers, figures with two decimals,
            cells that could run as a formula escaped (negative numbers stay numbers), and for every
            figure the source file, line and quote it came from (docs/EXPORT-SECTION.md). `perfeval
            run` writes the same pack after each load (--exports). Exit code 0 on success, 1 for a
            missing warehouse or a folder that cannot be written.
            Examples:
              perfeval export
              perfeval export --out briefing/2022 --year 2022
            """)
        {
            warehouse, output, year,
        };
        command.SetAction(parse => Run(parse.GetValue(warehouse)!, parse.GetValue(output)!, parse.GetValue(year), Console.Out, Console.Error));
        return command;
    }

    internal static int Run(string warehousePath, string folder, int? year, TextWriter output, TextWriter error)
    {
        try
        {
            var files = BriefingPack.Write(new WarehouseFile(warehousePath), folder, year);
            foreach (var file in files) output.WriteLine(file);
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or IOException or UnauthorizedAccessException or DuckDB.NET.Data.DuckDBException)
        {
            error.WriteLine($"perfeval export: {e.Message}");
            return 1;
        }
    }
}
