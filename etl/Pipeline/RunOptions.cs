using PerfEval.Etl.Extract;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Pipeline;

/// <summary>What one load reads and where it writes.</summary>
public sealed record RunOptions(IReadOnlyList<string> Sources, string WarehousePath)
{
    /// <summary>Folder the briefing pack (etl/Export) is written into after the load commits; null writes none.</summary>
    public string? ExportsPath { get; init; }

    /// <summary>Documents staged per batch; bounds memory on large corpora.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long a load waits for another load of the same warehouse to finish before it fails.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Read and hash every file, ignoring the sizes and last-write times recorded when files were last hashed
    /// (<c>etl_source_file</c>); for folders whose tools rewrite files keeping their size and time.
    /// </summary>
    public bool Rehash { get; init; }

    /// <summary>
    /// Rebuild every derived table even when the run only adds documents (which otherwise updates the
    /// <c>fct_</c> tables for just those documents and the ones they supersede).
    /// </summary>
    public bool FullRebuild { get; init; }

    /// <summary>DuckDB's memory for the load (<see cref="DuckDbMemory.DefaultLoadLimit"/>); null leaves DuckDB's own default (80% of RAM).</summary>
    public string? DuckDbMemoryLimit { get; init; } = DuckDbMemory.DefaultLoadLimit;

    /// <summary>Extraction workers, and the connections an incremental build runs its models on side by side; defaults to every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Extracts made ahead of the load (<c>serve</c>'s fan-out), used instead of parsing; a file with none is parsed here.</summary>
    public IExtractLookup? PreExtracted { get; init; }

    /// <summary>The extractor; tests inject hand-written extracts here.</summary>
    internal Func<byte[], string, ReportExtract> Extract { get; init; } = (bytes, source) => Extractor.Extract(bytes, source);

    /// <summary>The extractor version recorded with each extract; a different one triggers a backfill.</summary>
    internal string ExtractorVersion { get; init; } = Extractor.Version;

    /// <summary>
    /// Memory of the tables a build holds at which it checkpoints part way (<see cref="WarehouseLoad.CheckpointsForBuildAsync"/>);
    /// null: half of <see cref="DuckDbMemoryLimit"/>. Tests set a small one to make small builds checkpoint.
    /// </summary>
    internal long? BuildCheckpointBytes { get; init; }

    /// <summary>Called after each stage (<c>staged</c>, <c>transformed</c>, <c>checked</c>, <c>committed</c>); tests throw here to inject a fault mid-run.</summary>
    internal Action<string>? AfterStage { get; init; }
}
