using Dapper;
using DuckDB.NET.Data;
using PerfEval.Bench.Generate;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Stage;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Tests.Extract;

/// <summary>
/// Extracts as bytes and back (the fan-out's spool): every seed, red-team fixture and generated file comes back
/// as the same JSON, evidence and warnings included, stages the same rows, and keeps the scale of its decimals.
/// </summary>
public sealed class ExtractCodecFacts
{
    static readonly string FixturesDir = Path.Combine(AppContext.BaseDirectory, "Extract", "fixtures");

    /// <summary>samples/*.txt and every report under fixtures/redteam*/, relative to the test folder.</summary>
    public static TheoryData<string> Reports()
    {
        var data = new TheoryData<string>();
        foreach (var file in ReportFiles()) data.Add(Path.GetRelativePath(AppContext.BaseDirectory, file));
        return data;
    }

    static IEnumerable<string> ReportFiles() =>
        Directory.EnumerateFiles(SourceText.SamplesDir, "*.txt")
            .Concat(Directory.EnumerateDirectories(FixturesDir, "redteam*").SelectMany(d => Directory.EnumerateFiles(d, "*.txt")))
            .Order(StringComparer.Ordinal);

    static ReportExtract RoundTrip(ReportExtract extract) => ExtractCodec.Decode(ExtractCodec.Encode(extract));

    [Fact]
    public void Reports_AreTheSeedsAndBothRedTeamRounds()
    {
        var files = ReportFiles().Select(f => Path.GetRelativePath(AppContext.BaseDirectory, f)).ToList();

        files.Count(f => f.StartsWith("samples", StringComparison.Ordinal)).ShouldBe(5);
        files.Count(f => f.Contains($"{Path.DirectorySeparatorChar}redteam{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ShouldBe(36);
        files.Count(f => f.Contains($"{Path.DirectorySeparatorChar}redteam2{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ShouldBe(35);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void RoundTrip_Report_SerializesToTheSameJson(string file)
    {
        var extract = Extractor.Extract(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, file)), file);

        var back = RoundTrip(extract);

        ExtractJson.Serialize(back).ShouldBe(ExtractJson.Serialize(extract));
        back.Evidence.Count.ShouldBe(extract.Evidence.Count);
        back.Warnings.ShouldBe(extract.Warnings);
    }

    [Fact]
    public void RoundTrip_GeneratedCorpus_SerializesToTheSameJson()
    {
        // Rejected files too: empty, binary, truncated downloads, notices.
        foreach (var file in CorpusGenerator.Files(80, seed: 11))
        {
            var extract = Extractor.Extract(file.Bytes, file.RelativePath);
            ExtractJson.Serialize(RoundTrip(extract)).ShouldBe(ExtractJson.Serialize(extract), file.RelativePath);
        }
    }

    [Fact]
    public async Task RoundTrip_EveryReport_StagesTheSameRows()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        await WarehouseSchema.EnsureAsync(connection);
        var files = ReportFiles().ToList();
        using (var writer = new StagingWriter(connection))
        {
            for (var i = 0; i < files.Count; i++)
            {
                var extract = Extractor.Extract(File.ReadAllBytes(files[i]), files[i]);
                writer.Append(Staged(i + 1, extract));
                writer.Append(Staged(i + 1, RoundTrip(extract)) with { RunId = 2 });
            }
            writer.Close();
        }

        foreach (var table in WarehouseSchema.StagingTables.Where(t => t != "stg_cause"))
        {
            var original = Rows(connection, table, runId: 1);
            var decoded = Rows(connection, table, runId: 2);
            decoded.ShouldBe(original, $"{table}: staged rows differ");
            if (table is "stg_document" or "stg_evidence" or "stg_warning") original.ShouldNotBeEmpty(table);
        }
    }

    [Fact]
    public void RoundTrip_Decimals_KeepTheirScale()
    {
        var extract = new ReportExtract
        {
            Score = new ScoreInfo { Total = 98.94m, Parts = [new ScorePart { Name = "履职效能", Max = 50m, Score = 49.940m }] },
            Budget = new BudgetInfo { BudgetWan = 5563.4900m, SpentWan = 0.00m, ExecutionRatePct = 100.00m, AdjustmentRatePct = -3.5m },
            Indicators = [new IndicatorRow { Name = "培训种类", TargetValue = 2m, ActualValue = 2.0m, CompletionPct = 100.0m }],
        };

        var back = RoundTrip(extract);

        Text(back.Score.Total).ShouldBe("98.94");
        Text(back.Score.Parts[0].Max).ShouldBe("50");
        Text(back.Score.Parts[0].Score).ShouldBe("49.940");
        Text(back.Budget.BudgetWan).ShouldBe("5563.4900");
        Text(back.Budget.SpentWan).ShouldBe("0.00");
        Text(back.Budget.ExecutionRatePct).ShouldBe("100.00");
        Text(back.Budget.AdjustmentRatePct).ShouldBe("-3.5");
        back.Budget.InitialWan.ShouldBeNull();
        Text(back.Indicators[0].ActualValue).ShouldBe("2.0");
        Text(back.Indicators[0].CompletionPct).ShouldBe("100.0");
    }

    [Fact]
    public void RoundTrip_SeedDecimals_KeepTheScaleTheExtractHolds()
    {
        var seed = Directory.EnumerateFiles(SourceText.SamplesDir, "000_*.txt").Single();
        var extract = Extractor.Extract(File.ReadAllBytes(seed), seed);
        extract.Score.Total.ShouldBe(98.94m); // the seed's 自评得分

        var back = RoundTrip(extract);

        Decimals(back).ShouldBe(Decimals(extract));
        Decimals(extract).ShouldNotBeEmpty();
    }

    [Fact]
    public void RoundTrip_Evidence_KeepsOrdinalKeyOrder()
    {
        var extract = new ReportExtract();
        foreach (var key in new[] { "score.total", "budget.spent_wan", "budget.budget_wan", "Score", "score.parts[0].score" })
            extract.Evidence[key] = new Evidence(1, key);

        var back = RoundTrip(extract);

        back.Evidence.Keys.ShouldBe(extract.Evidence.Keys.ToList());
        back.Evidence.Comparer.ShouldBe(StringComparer.Ordinal);
    }

    [Fact]
    public void Encode_LoneSurrogate_Throws()
    {
        var extract = new ReportExtract { Warnings = ["cut inside a character: \uD842"] };

        Should.Throw<ArgumentException>(() => ExtractCodec.Encode(extract));
    }

    [Fact]
    public void RoundTrip_CharacterOutsideTheBasicPlane_Survives()
    {
        var extract = new ReportExtract { ProjectName = "𠮷野家项目" };

        RoundTrip(extract).ProjectName.ShouldBe("𠮷野家项目");
    }

    [Fact]
    public void Decode_OtherBytes_ThrowsInvalidData()
    {
        Should.Throw<InvalidDataException>(() => ExtractCodec.Decode([]));
        Should.Throw<InvalidDataException>(() => ExtractCodec.Decode("{}"u8));
        Should.Throw<InvalidDataException>(() => ExtractCodec.Decode([ExtractCodec.Format, 1, 2, 3]));
    }

    [Fact]
    public void Encode_IsSmallerThanTheJson()
    {
        var seed = Directory.EnumerateFiles(SourceText.SamplesDir, "*.txt").Order(StringComparer.Ordinal).First();
        var extract = Extractor.Extract(File.ReadAllBytes(seed), seed);

        ExtractCodec.Encode(extract).Length.ShouldBeLessThan(System.Text.Encoding.UTF8.GetByteCount(ExtractJson.Serialize(extract)) / 3);
    }

    static StagedDocument Staged(long id, ReportExtract extract) =>
        new(id, 1, extract.Sha256 ?? "", extract.Source, 0, Extractor.Version, extract, new DateTime(2025, 1, 1));

    static List<string> Rows(DuckDBConnection connection, string table, long runId) =>
        connection.Query<string>($"select t::varchar from (select * exclude (run_id) from {table} where run_id = {runId}) t")
            .Order(StringComparer.Ordinal).ToList();

    static string? Text(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every decimal of an extract as text, so a lost trailing zero shows.</summary>
    static List<string?> Decimals(ReportExtract e) =>
    [
        Text(e.Score.Total), Text(e.Budget.InitialWan), Text(e.Budget.BudgetWan), Text(e.Budget.SpentWan), Text(e.Budget.ExecutionRatePct), Text(e.Budget.AdjustmentRatePct),
        .. e.Score.Parts.SelectMany(p => new[] { Text(p.Max), Text(p.Score) }),
        .. e.Deductions.SelectMany(d => new[] { Text(d.MaxPoints), Text(d.Points) }),
        .. e.Projects.SelectMany(p => new[] { Text(p.InitialWan), Text(p.BudgetWan), Text(p.SpentWan), Text(p.ExecutionRatePct) }),
        .. e.Indicators.SelectMany(i => new[] { Text(i.TargetValue), Text(i.ActualValue), Text(i.CompletionPct), Text(i.MaxPoints), Text(i.Score) }),
    ];
}
