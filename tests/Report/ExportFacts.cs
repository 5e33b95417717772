using Dapper;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PerfEval.Etl.Export;
using PerfEval.Etl.Warehouse;
using PerfEval.Jobs.Commands;

namespace PerfEval.Tests.Report;

/// <summary>
/// The briefing pack on a warehouse of several districts and years: each CSV equals its golden
/// file byte for byte (BOM included), and opens as Excel would read it. Set
/// PERFEVAL_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff.
/// </summary>
public sealed class ExportFacts(DistrictWarehouse fixture) : IClassFixture<DistrictWarehouse>, IDisposable
{
    readonly string folder = Path.Combine(fixture.Warehouse.Root, "exports-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    static string GoldenFolder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "golden");

    public static TheoryData<string> FileNames() => [.. BriefingPack.Files.Select(f => f.File)];

    IReadOnlyList<string> Export(int? year = null) => BriefingPack.Write(new WarehouseFile(fixture.WarehousePath), folder, year);

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Write_EachFile_MatchesItsGoldenFile(string file)
    {
        Export();
        // Decoded without dropping the BOM (it stays as U+FEFF), so the comparison covers it too.
        var actual = fixture.Stable(Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(folder, file))));
        var golden = Path.Combine(GoldenFolder(), file);
        if (Environment.GetEnvironmentVariable("PERFEVAL_UPDATE_GOLDEN") == "1")
            File.WriteAllBytes(golden, Encoding.UTF8.GetBytes(actual));

        actual[0].ShouldBe('\uFEFF');
        actual.ShouldBe(Encoding.UTF8.GetString(File.ReadAllBytes(golden)));
    }

    [Fact]
    public void Write_GivesEachQueryItsShareOfTheCores()
    {
        // Held open, so it shares the database instance the pack configures (DuckDB.NET: one instance per file).
        using var held = new WarehouseFile(fixture.WarehousePath).OpenReadOnly();
        Export();

        held.ExecuteScalar<long>("select current_setting('threads')::BIGINT").ShouldBe(WarehouseLoad.ShareOfCores(BriefingPack.Workers));
        // A file per core: on two cores, one thread per query.
        WarehouseLoad.ShareOfCores(BriefingPack.Workers).ShouldBe(Math.Max(1, Environment.ProcessorCount / Math.Min(Environment.ProcessorCount, BriefingPack.Files.Count)));
    }

    [Fact]
    public void Write_WritesEveryFileOfThePack()
    {
        var files = Export();

        files.Select(Path.GetFileName).ShouldBe(BriefingPack.Files.Select(f => f.File));
        Directory.EnumerateFiles(folder).Count().ShouldBe(files.Count, "no partial files left behind");
    }

    [Theory]
    [InlineData("scores.csv")]
    [InlineData("cause_texts.csv")]
    public void Write_AFileThatCannotBeWritten_FailsWithItsError_AndLeavesNoPartialFile(string blocked)
    {
        // A folder where the file's partial copy would go: DuckDB cannot write it. The other files are written (or not
        // started) on the pack's own threads; the pack fails with that file's error and deletes what it wrote.
        Directory.CreateDirectory(Path.Combine(folder, blocked + ".partial"));

        var error = Should.Throw<Exception>(() => Export());

        error.Message.ShouldContain(blocked);
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ShouldBeEmpty("no partial or finished file left behind");
    }

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Write_EachFile_OpensAsExcelReadsIt(string file)
    {
        Export();
        var bytes = File.ReadAllBytes(Path.Combine(folder, file));

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a BOM, or Excel reads the UTF-8 as the ANSI code page");
        var rows = ReadRfc4180(bytes);
        rows.Count.ShouldBeGreaterThan(0);
        rows[0].ShouldAllBe(header => header.Length > 0);
        rows[0].ShouldContain(h => h.Any(c => c >= 0x4E00 && c <= 0x9FFF), "Chinese column headers");
        rows.Skip(1).ShouldAllBe(r => r.Length == rows[0].Length);
    }

    [Fact]
    public void Write_ScoresCsv_ChineseIntact_NegativeNumbersStayNumbers()
    {
        Export();
        var rows = ReadRfc4180(File.ReadAllBytes(Path.Combine(folder, "scores.csv")));
        var header = rows[0].ToList();
        var haizhu = rows.Single(r => r[header.IndexOf("部门")] == "广州市海珠区工商业联合会" && r[header.IndexOf("年度")] == "2022");

        haizhu[header.IndexOf("与中位数差")].ShouldBe("-2.00");
        decimal.Parse(haizhu[header.IndexOf("与中位数差")], NumberStyles.Number, CultureInfo.InvariantCulture).ShouldBe(-2m);
        haizhu[header.IndexOf("自评总分")].ShouldBe("96.00");
        File.ReadAllText(Path.Combine(folder, "scores.csv")).ShouldContain(",-2.00,", Case.Sensitive, "unquoted, so Excel reads a number");
    }

    [Fact]
    public void Write_ACellStartingWithEquals_IsEscaped_AndQuotedPerRfc4180()
    {
        Export();
        var text = File.ReadAllText(Path.Combine(folder, "cause_texts.csv"));
        var rows = ReadRfc4180(File.ReadAllBytes(Path.Combine(folder, "cause_texts.csv")));
        var content = rows[0].ToList().IndexOf("内容");

        rows.Select(r => r[content]).ShouldContain("'=HYPERLINK(\"http://x\") 会议费 \"超支\", 需整改");
        text.ShouldContain("\"'=HYPERLINK(\"\"http://x\"\") 会议费 \"\"超支\"\", 需整改\"");
    }

    [Fact]
    public void Write_Year_KeepsOnlyThatYear()
    {
        Export(year: 2023);
        var rows = ReadRfc4180(File.ReadAllBytes(Path.Combine(folder, "scores.csv")));

        rows.Skip(1).Select(r => r[0]).ShouldBe(["2023", "2023"]);
    }

    [Fact]
    public void ExportCommand_PrintsThePathsItWrote()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        ExportCommand.Run(fixture.WarehousePath, folder, null, output, error).ShouldBe(0);

        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Path.GetFileName).ShouldBe(BriefingPack.Files.Select(f => f.File));
    }

    /// <summary>Reads the bytes the way Excel does: strips the BOM, then RFC 4180 fields.</summary>
    internal static List<string[]> ReadRfc4180(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { Mode = CsvMode.RFC4180, BadDataFound = args => throw new InvalidDataException($"not RFC 4180: {args.RawRecord}") });
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return rows;
    }
}
