using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract;

/// <summary>
/// Whole-document extracts of the five seeds against golden/seeds.expected.json: every expected
/// value found, none wrong, and every evidence quote an exact substring of its line in the file.
/// </summary>
public sealed class GoldenSeedFacts
{
    internal static readonly Lazy<GoldenScorer> Scorer = new(() => GoldenScorer.Load(SourceText.GoldenPath));

    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string>();
        foreach (var name in Scorer.Value.Names) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Extract_Seed_MatchesGolden(string seed)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SourceText.SamplesDir, seed));

        var extract = Extractor.Extract(bytes, $"samples/{seed}");
        var result = Scorer.Value.Score(seed, extract, bytes);

        result.ShouldSatisfyAllConditions(
            () => result.Wrong.ShouldBe(0, result.Report()),
            () => result.Missing.ShouldBe(0, result.Report()),
            () => result.EvidenceBad.ShouldBe(0, result.Report()));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Extract_Seed_IsReadAsUtf8Report(string seed)
    {
        var extract = Extractor.Extract(File.ReadAllBytes(Path.Combine(SourceText.SamplesDir, seed)), seed);

        extract.Status.ShouldNotBe(ExtractStatus.Rejected, extract.Error);
        extract.Encoding.ShouldBe("utf-8");
        extract.Sha256.ShouldNotBeNull().Length.ShouldBe(64);
        extract.Source.ShouldBe(seed);
    }

    [SkippableFact]
    public void GoldenFile_MatchesTheSharedCopy()
    {
        // The project keeps its own copy; when ../shared is next to the checkout, they must agree.
        var shared = SourceText.SharedFile(Path.Combine("golden", "seeds.expected.json"));
        Skip.If(shared is null, "shared/golden/seeds.expected.json is not next to this checkout (set PERFEVAL_SHARED)");

        File.ReadAllText(SourceText.GoldenPath).ShouldBe(File.ReadAllText(shared));
    }
}
