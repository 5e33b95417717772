using System.Collections.Concurrent;
using System.Text;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Sources;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Pipeline;

/// <summary>
/// <see cref="RunOptions.PreExtracted"/>: the load takes an extract made elsewhere when there is one for the file's
/// hash and the extractor version, and extracts the file itself when there is none.
/// </summary>
public sealed class PreExtractedFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task Run_WithSomePreExtracted_TakesThoseAndExtractsTheRest()
    {
        Seeds.AddAll(warehouse);
        var lookup = new DictionaryLookup();
        var elsewhere = Seeds.Seed000();
        elsewhere.Score.Total = 97.25m; // not what the local extractor says, so its origin shows
        elsewhere.Source = "/another/server/000.txt";
        lookup.Add("seed 000", Extractor.Version, elsewhere);
        lookup.Add("seed 003", Extractor.Version, Seeds.Seed003());

        var summary = await LoadPipeline.RunAsync(warehouse.Options() with { PreExtracted = lookup });

        summary.DocumentsNew.ShouldBe(5);
        warehouse.ExtractCalls.ShouldBe(3, "two of five came from the lookup");
        lookup.Asked.Count.ShouldBe(5);
        lookup.Asked.ShouldAllBe(a => a.Version == Extractor.Version);
        warehouse.Query<decimal>("select total_score from stg_document where source like '%000.txt'").ShouldBe([97.25m]);
        warehouse.Query<string>("select source from stg_document where source like '%000.txt'")
            .ShouldBe([Path.Combine(warehouse.Inbox, "000.txt")], "the load's own path, not the one the extract was made with");
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(5);
    }

    [Fact]
    public async Task Run_WithPreExtractedOfAnotherVersion_ExtractsItself()
    {
        Seeds.AddAll(warehouse);
        var lookup = new DictionaryLookup();
        lookup.Add("seed 000", "0.0.1", Seeds.Seed000());

        await LoadPipeline.RunAsync(warehouse.Options(extractorVersion: "9.9.9") with { PreExtracted = lookup });

        warehouse.ExtractCalls.ShouldBe(5);
        lookup.Asked.ShouldAllBe(a => a.Version == "9.9.9");
    }

    [Fact]
    public async Task Run_Unchanged_DoesNotAskTheLookup()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();
        var lookup = new DictionaryLookup();

        var second = await LoadPipeline.RunAsync(warehouse.Options() with { PreExtracted = lookup });

        second.DocumentsUnchanged.ShouldBe(5);
        lookup.Asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_WhenTheLookupThrows_FailsInsteadOfRejectingDocuments()
    {
        Seeds.AddAll(warehouse);
        var lookup = new DictionaryLookup { Throw = true };

        await Should.ThrowAsync<IOException>(() => LoadPipeline.RunAsync(warehouse.Options() with { PreExtracted = lookup }));

        warehouse.Count("select count(*) from etl_run where status = 'failed'").ShouldBe(1);
        warehouse.Count("select count(*) from stg_document").ShouldBe(0);
    }

    /// <summary>Extracts by the hash of a file whose text is the key (as <see cref="TempWarehouse"/> writes them).</summary>
    sealed class DictionaryLookup : IExtractLookup
    {
        readonly Dictionary<(string, string), ReportExtract> extracts = [];

        public ConcurrentQueue<(string Sha256, string Version)> Asked { get; } = new();
        public bool Throw { get; init; }

        public void Add(string fileText, string version, ReportExtract extract) =>
            extracts[(SourceDocument.Sha256Of(Encoding.UTF8.GetBytes(fileText)), version)] = extract;

        public ValueTask<ReportExtract?> FindAsync(string sha256, string extractorVersion, CancellationToken cancellationToken)
        {
            Asked.Enqueue((sha256, extractorVersion));
            if (Throw) throw new IOException("the store is gone");
            return ValueTask.FromResult(extracts.GetValueOrDefault((sha256, extractorVersion)));
        }
    }
}
