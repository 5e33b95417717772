using PerfEval.Bench.Generate;
using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Sources;

namespace PerfEval.Tests.Serve;

/// <summary>
/// The fan-out tests' inbox: 200 generated reports (bad files and corrected re-submissions among them, in city and
/// district folders) plus the five seeds, and the warehouse a plain <see cref="LoadPipeline"/> run makes of them,
/// which every fanned-out load must equal. Made once for the tests that share it.
/// </summary>
public sealed class FanOutCorpus : IAsyncLifetime
{
    public const int GeneratedDocuments = 200;
    const int Seed = 7;

    public string Root { get; } = Directory.CreateTempSubdirectory("perfeval-fanout-").FullName;

    /// <summary>The generated folder and the samples: absolute, as the schedule stores them.</summary>
    public IReadOnlyList<string> Sources { get; private set; } = [];

    /// <summary>Every file the load reads, in its order.</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    /// <summary>Distinct documents (by SHA-256) among <see cref="Files"/>.</summary>
    public int Documents { get; private set; }

    /// <summary>The plain load's warehouse, without run ids and load times.</summary>
    public WarehouseRows Expected { get; private set; } = null!;

    public RunSummary ExpectedSummary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var generated = Path.Combine(Root, "inbox");
        CorpusGenerator.Generate(GeneratedDocuments, generated, Seed);
        Sources = [generated, Path.Combine(AppContext.BaseDirectory, "samples")];
        Files = FolderSource.Expand(Sources);
        Documents = Files.Select(f => SourceDocument.Sha256Of(File.ReadAllBytes(f))).Distinct().Count();
        var reference = Path.Combine(Root, "reference", "warehouse.duckdb");
        ExpectedSummary = await LoadPipeline.RunAsync(new RunOptions(Sources, reference));
        Expected = WarehouseRows.Read(reference);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
        return Task.CompletedTask;
    }
}
