using System.Text;
using System.Text.RegularExpressions;
using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract;

/// <summary>
/// Each seed re-laid the way real PDF extracts look must give the golden values: no wrong value,
/// at least 95% of checks, evidence quoted from the re-laid file itself. The first facts check that
/// <see cref="Relayout"/> itself keeps the meaning.
/// </summary>
public sealed partial class RelayoutFacts
{
    public static TheoryData<string> Seeds() => GoldenSeedFacts.Seeds();

    public static TheoryData<string, RelayoutKind> SeedsByKind()
    {
        var data = new TheoryData<string, RelayoutKind>();
        foreach (var seed in GoldenSeedFacts.Scorer.Value.Names)
            foreach (var kind in Enum.GetValues<RelayoutKind>())
                data.Add(seed, kind);
        return data;
    }

    static string Original(string seed) => SourceText.Decode(File.ReadAllBytes(Path.Combine(SourceText.SamplesDir, seed)))!;

    [Theory]
    [MemberData(nameof(SeedsByKind))]
    public void Extract_RelaidSeed_GivesGoldenValues(string seed, RelayoutKind kind)
    {
        var bytes = Relayout.Apply(kind, Original(seed));
        Keep(kind, seed, bytes);

        var extract = Extractor.Extract(bytes, $"{kind}/{seed}");
        var result = GoldenSeedFacts.Scorer.Value.Score(seed, extract, bytes);

        result.ShouldSatisfyAllConditions(
            () => result.Wrong.ShouldBe(0, result.Report()),
            () => result.EvidenceBad.ShouldBe(0, result.Report()),
            () => result.AccuracyPct.ShouldBeGreaterThanOrEqualTo(95, result.Report()));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Wrap_Seed_KeepsEveryCharacterAndEveryNumberOnOneLine(string seed)
    {
        var original = Original(seed);

        var wrapped = Relayout.Wrap(original);

        Squeeze(wrapped).ShouldBe(Squeeze(original));
        Numbers(wrapped).ShouldBe(Numbers(original));
        SourceText.Lines(wrapped).Where(l => !l.Contains('\t') && !l.Contains('<')).ShouldAllBe(l => l.Length <= 30 + 12);
        SourceText.Lines(wrapped).Where(l => l.Contains('\t')).ShouldBe(SourceText.Lines(original).Where(l => l.Contains('\t')));
    }

    [Fact]
    public void Wrap_LongSentence_BreaksInsideWordsWithBlankLines()
    {
        const string line = "全年预算数为5563.49万元，全年执行数为5563.49 万元，部门预算资金支出率为100%，自评总分为98.94分。";

        var wrapped = Relayout.Wrap(line);

        wrapped.ShouldContain("\n\n");
        SourceText.Lines(wrapped).Length.ShouldBeGreaterThan(2);
        Numbers(wrapped).ShouldBe(Numbers(line));
        wrapped.ShouldContain("5563.49 万元");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Paged_Seed_OnlyAddsMarkerAndHeaderLines(string seed)
    {
        var original = SourceText.Lines(Original(seed));

        var paged = SourceText.Lines(Relayout.Paged(Original(seed)));

        paged.Length.ShouldBeGreaterThan(original.Length);
        // Dropping each inserted block (marker, blank line, running header, blank line) gives the original back.
        var kept = new List<string>();
        var blocks = 0;
        for (var i = 0; i < paged.Length; i++)
        {
            if (PageMarker().IsMatch(paged[i]) && i + 3 < paged.Length && paged[i + 1].Length == 0 && paged[i + 3].Length == 0
                && paged[i + 2].Length > 0 && !original.Contains(paged[i]))
            {
                blocks++;
                i += 3;
                continue;
            }
            kept.Add(paged[i]);
        }
        blocks.ShouldBe((paged.Length - original.Length) / 4);
        kept.ShouldBe(original);
    }

    [Fact]
    public void Paged_LongReport_UsesEveryMarkerStyle()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"第{i}段，项目绩效自评报告正文。"));

        var paged = Relayout.Paged(text);

        paged.ShouldContain("— 3 —");
        paged.ShouldContain("- 4 -");
        paged.ShouldContain("第 2 页 共 99 页");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Gb18030Crlf_Seed_RoundTripsWithCrlf(string seed)
    {
        var bytes = Relayout.Apply(RelayoutKind.Gb18030Crlf, Original(seed));

        var text = Encoding.GetEncoding("GB18030").GetString(bytes);
        text.ShouldBe(Relayout.Crlf(Original(seed)));
        Regex.Count(text, "(?<!\r)\n").ShouldBe(0);
        new UTF8Encoding(false, false).GetString(bytes).ShouldNotBe(text);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Utf16_Seed_HasBomAndRoundTrips(string seed)
    {
        var bytes = Relayout.Apply(RelayoutKind.Utf16, Original(seed));

        bytes[..2].ShouldBe(new byte[] { 0xFF, 0xFE });
        Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2).ShouldBe(Original(seed));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FullWidth_Seed_HasNoAsciiDigitsAndMapsBack(string seed)
    {
        var wide = Relayout.FullWidth(Original(seed));

        wide.ShouldNotMatch("[0-9.%:()]");
        Narrow(wide).ShouldBe(Narrow(Original(seed)));
    }

    /// <summary>Full-width digits and <c>． ％ ： （ ）</c> back to ASCII, the inverse of FullWidth up to what the text already had.</summary>
    static string Narrow(string s) =>
        new([.. s.Select(c => c is >= '０' and <= '９' or '．' or '％' or '：' or '（' or '）' ? (char)(c - 0xFEE0) : c)]);

    [Fact]
    public void FullWidth_Figures_BecomeFullWidth()
    {
        Relayout.FullWidth("自评总分：98.94分（满分100），执行率99.68%").ShouldBe("自评总分：９８．９４分（满分１００），执行率９９．６８％");
    }

    /// <summary>With PERFEVAL_RELAYOUT_DIR set, writes the re-laid file to DIR/KIND/SEED for a look or a `perfeval extract`.</summary>
    static void Keep(RelayoutKind kind, string seed, byte[] bytes)
    {
        var dir = Environment.GetEnvironmentVariable("PERFEVAL_RELAYOUT_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(Path.Combine(dir, kind.ToString()));
        File.WriteAllBytes(Path.Combine(dir, kind.ToString(), seed), bytes);
    }

    static string Squeeze(string s) => Regex.Replace(s, @"\s+", "");

    static List<string> Numbers(string s) => [.. Regex.Matches(s, @"\d+(?:\.\d+)?").Select(m => m.Value)];

    [GeneratedRegex(@"^(— \d+ —|- \d+ -|第 \d+ 页 共 \d+ 页)$")]
    private static partial Regex PageMarker();
}
