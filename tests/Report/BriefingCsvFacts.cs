using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Export;
using PerfEval.Etl.Report;

namespace PerfEval.Tests.Report;

/// <summary>
/// The cell rules of the briefing CSVs, which DuckDB's COPY writes from a formatting select: each text reads back
/// in Excel as CsvHelper's <c>InjectionOptions.Escape</c> (with plain numbers left as numbers) would have written it,
/// figures round as .NET's decimal "0.00" does, and the file is UTF-8 with BOM, CRLF, header first.
/// </summary>
public sealed class BriefingCsvFacts : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "perfeval-briefingcsv-" + Guid.NewGuid().ToString("N"));
    readonly DuckDBConnection db = new("Data Source=:memory:");

    public BriefingCsvFacts()
    {
        Directory.CreateDirectory(folder);
        db.Open();
    }

    public void Dispose()
    {
        db.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    static readonly string?[] Texts =
    [
        "普通文本", "=1+1", "+86 020 1234", "-", "-3.5", "-1+1", "-3.", "1e5", "@SUM(A1)", "\t制表符开头", "a,b", "x\"y",
        "'=已转义", "\"=引号\"", " 前导空格", "尾随空格 ", "=HYPERLINK(\"http://x\") 会议费 \"超支\", 需整改", "-0.28", "12", null,
    ];

    static readonly PackColumn[] TextColumns = [PackColumn.Whole("seq", "序号"), PackColumn.Text("t", "内容")];

    List<string[]> WriteTexts(IEnumerable<string?> texts)
    {
        db.Execute("create or replace table cells (seq integer, t varchar)");
        var seq = 0;
        foreach (var text in texts) db.Execute("insert into cells values ($seq, $t)", new { seq = ++seq, t = text });
        var path = Path.Combine(folder, "texts.csv");
        BriefingCsv.Write(db, Query(TextColumns, "cells", "seq"), TextColumns, path);
        return ExportFacts.ReadRfc4180(File.ReadAllBytes(path));
    }

    static ComparisonQuery Query(IEnumerable<PackColumn> columns, string table, string orderBy, IReadOnlyDictionary<string, string>? types = null) =>
        new($"select {BriefingCsv.SelectList(columns, types)} from {table} order by {orderBy}", new Dictionary<string, object>());

    [Fact]
    public void EveryText_ReadsBackAsCsvHelpersEscapeWouldHaveWrittenIt()
    {
        var rows = WriteTexts(Texts);

        rows[0].ShouldBe(["序号", "内容"]);
        rows.Skip(1).Select(r => r[1]).ShouldBe(Texts.Select(CsvHelperCell));
    }

    [Fact]
    public void FormulaStarts_AreEscaped_PlainNumbersAreNot()
    {
        var cells = WriteTexts(["=1+1", "@x", "+1", "-x", "\tx", "\rx", "-2.00", "-7", "-1.5e3", "x=1", "文-1"]).Skip(1).Select(r => r[1]);

        cells.ShouldBe(["'=1+1", "'@x", "'+1", "'-x", "'\tx", "'\rx", "-2.00", "-7", "'-1.5e3", "x=1", "文-1"]);
    }

    [Fact]
    public void LineBreaksInsideAText_AreQuoted_SoTheRowStaysOneRow()
    {
        // CsvHelper (NewLine = CRLF) left a lone LF or CR unquoted, which splits the row in Excel; DuckDB quotes them.
        var rows = WriteTexts(["第一行\n第二行", "甲\r乙", "\r开头"]);

        rows.Count.ShouldBe(4);
        rows.Skip(1).Select(r => r[1]).ShouldBe(["第一行\n第二行", "甲\r乙", "'\r开头"]);
    }

    [Fact]
    public void File_IsUtf8WithBom_CrLf_HeaderFirst_EmptyTextsAndNullsAreEmptyCells()
    {
        WriteTexts(["a", "", null]);
        var bytes = File.ReadAllBytes(Path.Combine(folder, "texts.csv"));

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes[3..]).ShouldBe("序号,内容\r\n1,a\r\n2,\r\n3,\r\n");
    }

    [Fact]
    public void NoRows_IsTheHeaderAlone()
    {
        WriteTexts([]);

        Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(folder, "texts.csv"))).ShouldBe("\uFEFF序号,内容\r\n");
    }

    [Fact]
    public void Figures_HaveTwoDecimals_RoundedAsDotNetRoundsTheDecimal()
    {
        double[] doubles = [1.005, 2.675, -0.28, 98.94, 5, 0.125, -0.005, 1234567.891, 99.995, 0];
        decimal[] decimals = [1.255m, -2m, 0.125m, -0.005m, 96m, 33.3333m, 99.995m, 99999999999999.9999m, -99999999999999.995m];
        db.Execute("create table doubles (seq integer, d double)");
        db.Execute("create table decimals (seq integer, m decimal(18, 4))");
        for (var i = 0; i < doubles.Length; i++) db.Execute("insert into doubles values ($seq, $d)", new { seq = i, d = doubles[i] });
        for (var i = 0; i < decimals.Length; i++) db.Execute("insert into decimals values ($seq, $m)", new { seq = i, m = decimals[i] });
        PackColumn[] d = [PackColumn.Figure("d", "值")], m = [PackColumn.Figure("m", "值")];
        BriefingCsv.Write(db, Query(d, "doubles", "seq"), d, Path.Combine(folder, "d.csv"));
        BriefingCsv.Write(db, Query(m, "decimals", "seq"), m, Path.Combine(folder, "m.csv"));
        BriefingCsv.Write(db, Query(m, "decimals", "seq", BriefingCsv.ColumnTypes(db, "decimals")), m, Path.Combine(folder, "m-typed.csv"));
        BriefingCsv.Write(db, Query(d, "doubles", "seq", BriefingCsv.ColumnTypes(db, "doubles")), d, Path.Combine(folder, "d-typed.csv"));

        var expectedDoubles = doubles.Select(x => Convert.ToDecimal(x).ToString("0.00", CultureInfo.InvariantCulture)).ToList();
        var expectedDecimals = decimals.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)).ToList();
        Cells("d.csv").ShouldBe(expectedDoubles);
        Cells("d-typed.csv").ShouldBe(expectedDoubles);
        Cells("m.csv").ShouldBe(expectedDecimals);
        Cells("m-typed.csv").ShouldBe(expectedDecimals, "a DECIMAL(18, 4) rounded in its own width, the carry of 99999999999999.9999 included");
        Cells("m.csv").ShouldContain("-2.00");
    }

    [Fact]
    public void FlagsAndCodes_AreWrittenAsTheirLabels_AnUnknownCodeAsItIs()
    {
        db.Execute("create table coded as select * from (values (1, true, 'department'), (2, false, 'project'), (3, null, 'other'), (4, true, null)) v(seq, flag, report_kind)");
        PackColumn[] columns = [PackColumn.Flag("flag", "标记"), PackColumn.ReportKind()];
        BriefingCsv.Write(db, Query(columns, "coded", "seq"), columns, Path.Combine(folder, "coded.csv"));

        ExportFacts.ReadRfc4180(File.ReadAllBytes(Path.Combine(folder, "coded.csv"))).Skip(1)
            .Select(r => $"{r[0]}|{r[1]}").ShouldBe(["是|部门整体支出", "否|项目支出", "否|other", "是|"]);
    }

    IEnumerable<string> Cells(string file) => ExportFacts.ReadRfc4180(File.ReadAllBytes(Path.Combine(folder, file))).Skip(1).Select(r => r[0]);

    /// <summary>The oracle: the cell as the pack's former CsvHelper writer wrote it, read back as Excel reads it.</summary>
    static string CsvHelperCell(string? text)
    {
        using var writer = new StringWriter();
        using (var csv = new NumberSafeCsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape, NewLine = "\r\n" }))
        {
            csv.WriteField(text);
            csv.WriteField("end"); // so an empty cell is not an empty line, which a reader skips
            csv.NextRecord();
        }
        return ExportFacts.ReadRfc4180(Encoding.UTF8.GetBytes(writer.ToString()))[0][0];
    }

    sealed class NumberSafeCsvWriter(TextWriter writer, CsvConfiguration configuration) : CsvWriter(writer, configuration)
    {
        protected override string? SanitizeForInjection(string? field) =>
            field is not null && System.Text.RegularExpressions.Regex.IsMatch(field, @"^-?[0-9]+(\.[0-9]+)?$") ? field : base.SanitizeForInjection(field);
    }
}
