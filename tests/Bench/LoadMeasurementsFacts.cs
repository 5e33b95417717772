using System.Security.Cryptography;
using PerfEval.Bench.Generate;
using PerfEval.Bench.Measure;

namespace PerfEval.Tests.Bench;

/// <summary>
/// The load half of <c>bench measure</c> on a small corpus: each kind of run is repeated from the same start (an empty
/// warehouse for the full load, the same warehouse and the same changed files for the 1%-changed rerun), the median is
/// one of the runs, and the corpus is put back as truth.jsonl describes it.
/// </summary>
public sealed class LoadMeasurementsFacts : IDisposable
{
    const int Seed = 11;
    readonly TempFolder folder = new("perfeval-measure");

    public void Dispose() => folder.Dispose();

    static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task RunAsync_Repeated_EachRunStartsTheSame_AndTheCorpusIsPutBack()
    {
        var corpus = folder.Combine("corpus");
        CorpusGenerator.Generate(250, corpus, Seed);
        var before = Hashes(corpus);

        var results = await LoadMeasurements.RunAsync(corpus, folder.Combine("w", "warehouse.duckdb"), Seed, TextWriter.Null, repeat: 3);

        results.Unavailable.ShouldBeNull();
        results.FullRuns.Count.ShouldBe(3);
        results.RerunRuns.Count.ShouldBe(3);
        results.ChangedRuns.Count.ShouldBe(3);
        results.FullRuns.Concat(results.RerunRuns).Concat(results.ChangedRuns).ShouldAllBe(r => r.Status == "succeeded");
        // Every full load starts empty; every changed rerun finds the same changed files new, and nothing else.
        results.FullRuns.Select(r => r.New).Distinct().ShouldHaveSingleItem().ShouldBeGreaterThan(200);
        results.RerunRuns.ShouldAllBe(r => r.New == 0);
        results.ChangedFiles.ShouldBeGreaterThan(0);
        results.ChangedRuns.Select(r => r.New).Distinct().ShouldHaveSingleItem().ShouldBeInRange(1, results.ChangedFiles);
        // The median is one of the runs, the middle one by time.
        results.ChangedRuns.ShouldContain(results.Changed!);
        results.ChangedRuns.Count(r => r.Seconds < results.Changed!.Seconds).ShouldBeLessThanOrEqualTo(1);
        results.ChangedRuns.Count(r => r.Seconds > results.Changed!.Seconds).ShouldBeLessThanOrEqualTo(1);
        Hashes(corpus).ShouldBe(before, "the corpus is put back as truth.jsonl describes it");
        File.Exists(folder.Combine("w", "warehouse.duckdb.before-change")).ShouldBeFalse();
    }
}
