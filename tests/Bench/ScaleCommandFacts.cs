using PerfEval.Bench.Generate;
using PerfEval.Bench.Measure;

namespace PerfEval.Tests.Bench;

/// <summary>
/// <c>bench scale</c> on two small corpora: a warm-up load, then pairs of full loads of both sizes in ABBA order, each into
/// an empty warehouse, and each pair's ratios are those of its two loads.
/// </summary>
public sealed class ScaleCommandFacts : IDisposable
{
    const int Seed = 13;
    readonly TempFolder folder = new("perfeval-scale");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task MeasureAsync_AlternatesTheSizes_AndEveryLoadStartsEmpty()
    {
        var small = folder.Combine("corpus-60");
        var large = folder.Combine("corpus-120");
        CorpusGenerator.Generate(60, small, Seed);
        CorpusGenerator.Generate(120, large, Seed);
        var loads = new List<ScaleCommand.Load>();

        var pairs = await ScaleCommand.MeasureAsync(60, small, 120, large, pairs: 2, folder.Combine("scale"), TextWriter.Null, loads.Add);

        pairs.ShouldNotBeNull();
        loads.Select(l => l.Docs).ShouldBe([60, 60, 120, 120, 60], "a warm-up, then small-large and large-small");
        loads.ShouldAllBe(l => l.Result.Status == "succeeded");
        // Each load of a size stages the same documents: it starts from an empty warehouse every time.
        var smallNew = loads.Where(l => l.Docs == 60).Select(l => l.Result.New).Distinct().ShouldHaveSingleItem();
        var largeNew = loads.Where(l => l.Docs == 120).Select(l => l.Result.New).Distinct().ShouldHaveSingleItem();
        smallNew.ShouldBeGreaterThan(50);
        largeNew.ShouldBeGreaterThan(smallNew);
        pairs.Count.ShouldBe(2);
        pairs[0].Small.ShouldBeSameAs(loads[1]);
        pairs[0].Large.ShouldBeSameAs(loads[2]);
        pairs[1].Large.ShouldBeSameAs(loads[3]);
        pairs[1].Small.ShouldBeSameAs(loads[4]);
        foreach (var pair in pairs)
        {
            pair.Time.ShouldBe(pair.Large.Result.Seconds / pair.Small.Result.Seconds);
            pair.Memory.ShouldBe(pair.Large.PeakMegabytes / pair.Small.PeakMegabytes);
            pair.Small.PeakMegabytes.ShouldBeGreaterThan(0);
        }
    }
}
