using System.CommandLine;
using PerfEval.Etl.Pipeline;

namespace PerfEval.Jobs.Commands;

/// <summary><c>perfeval run [--source DIR]... [--warehouse FILE]</c>: one whole load.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var sources = new Option<string[]>("--source")
        {
            Description = "A folder (searched recursively) or file of reports; repeat the option for several.",
            DefaultValueFactory = _ => ["samples"],
            HelpName = "DIR",
        };
        var warehouse = WarehouseOption.Create();
        var exports = new Option<string>("--exports") { Description = "Folder the briefing pack (the CSVs of `perfeval export`) is written into after the load commits.", DefaultValueFactory = _ => PerfEval.Etl.Export.BriefingPack.DefaultFolder, HelpName = "DIR" };
        var rehash = new Option<bool>("--rehash")
        {
            Description = "Read and hash every file. By default a file whose size and last-write time are those recorded "
                + "when a run last hashed it is known unchanged without being read; use this after copying folders with tools "
                + "that keep times (cp -p, rsync -t) onto files of the same size.",
        };
        var fullRebuild = new Option<bool>("--full-rebuild")
        {
            Description = "Rebuild every derived table. By default a run that only adds documents updates the fct_ tables "
                + "and dim_document for those documents and the ones they supersede, and rebuilds the other dim_ and the rpt_ tables; the result is the same.",
        };
        var memory = new Option<string>("--duckdb-memory")
        {
            Description = "How much memory DuckDB may use for the load; beyond it, it spills to a temporary file beside the warehouse, "
                + "so a load's memory stays flat however large the corpus. More is faster on a large machine.",
            DefaultValueFactory = _ => PerfEval.Etl.Warehouse.DuckDbMemory.DefaultLoadLimit,
            HelpName = "SIZE",
        };
        var command = new Command("run", """
            Load report documents into the DuckDB warehouse: pull, extract, stage, transform, check.
            Each document is identified by the SHA-256 of its bytes: one loaded before by the same
            extractor version is skipped without parsing, so running again over an unchanged folder
            adds nothing; a file whose size and last-write time have not changed since a run hashed
            it is not even read (--rehash reads them all). After an extractor upgrade every document
            is re-extracted (a backfill).
            A corrected report supersedes the old one for the same department, year, kind and
            project (is_current); the old one stays in history. The whole run is one transaction:
            it commits whole or leaves the warehouse as it was, even when the process is killed.
            The run writes a private copy and publishes it by an atomic rename, so analysts keep
            querying the last published warehouse meanwhile; a second load of the same warehouse
            waits for the first. Unreadable files (empty, binary, truncated, over 8 MB, not a
            report) are rejected with a reason and do not stop the others. Data-quality findings go to
            dq_finding and never stop a load; each run is recorded in etl_run (see `perfeval runs`).
            After it commits, the run writes the briefing pack (see `perfeval export`) into --exports.
            Progress goes to stderr, the summary to stdout. Exit code 0 on success, 1 when the load
            failed (nothing was committed), 2 for usage errors, 3 when the load committed but the
            briefing pack could not be written.

            Examples:
              perfeval run
              perfeval run --source inbox/2023 --source inbox/2024 --warehouse data/warehouse.duckdb --exports briefing
              perfeval run --source inbox --rehash --full-rebuild
              perfeval run --source inbox --duckdb-memory 2GB
            """)
        {
            sources, warehouse, exports, rehash, fullRebuild, memory,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(sources)!, parse.GetValue(warehouse)!, parse.GetValue(exports)!,
            new LoadChoices(parse.GetValue(rehash), parse.GetValue(fullRebuild), parse.GetValue(memory)!), ct));
        return command;
    }

    /// <summary>The switches of <c>run</c> that change how, not what, it loads.</summary>
    readonly record struct LoadChoices(bool Rehash, bool FullRebuild, string DuckDbMemory);

    static async Task<int> RunAsync(string[] sources, string warehouse, string exports, LoadChoices choices, CancellationToken cancellationToken)
    {
        var missing = sources.Where(s => !File.Exists(s) && !Directory.Exists(s)).ToList();
        if (missing.Count > 0)
        {
            await Console.Error.WriteLineAsync($"perfeval run: no such source folder or file: {string.Join(", ", missing)}");
            return 2;
        }
        try
        {
            PerfEval.Etl.Warehouse.DuckDbMemory.Validate(choices.DuckDbMemory);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"perfeval run: --duckdb-memory: {e.Message}");
            return 2;
        }
        try
        {
            var summary = await LoadPipeline.RunAsync(new RunOptions(sources, warehouse) { ExportsPath = exports, Rehash = choices.Rehash, FullRebuild = choices.FullRebuild, DuckDbMemoryLimit = choices.DuckDbMemory }, new StderrProgress(), cancellationToken);
            Console.Out.Write(summary.ToText());
            if (summary.ExportError is null) return 0;
            await Console.Error.WriteLineAsync($"perfeval run: the load committed, but the briefing pack was not written: {summary.ExportError}");
            return 3;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"perfeval run: the load failed and nothing was committed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Writes progress lines as they come (Progress&lt;T&gt; would post them out of order).</summary>
    sealed class StderrProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine(value);
    }
}
