using DuckDB.NET.Data;
using PerfEval.Jobs.Commands;

namespace PerfEval.Tests.Warehouse.Commands;

/// <summary>How <c>perfeval query</c> prints a result.</summary>
public sealed class ResultRendererFacts : IDisposable
{
    readonly DuckDBConnection connection = new("Data Source=:memory:");

    public ResultRendererFacts() => connection.Open();

    public void Dispose() => connection.Dispose();

    string Render(string sql, string format)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        using var output = new StringWriter();
        ResultRenderer.Write(reader, format, output);
        return output.ToString().ReplaceLineEndings("\n");
    }

    const string Departments = """
        select * from (values
            ('广州市天河区工商业联合会', 'district', 99.68::decimal(18, 4)),
            ('=cmd', 'city', null),
            ('江门市工商业联合会', 'city', 100.0000::decimal(18, 4))
        ) as t(name, level, execution_rate_pct)
        """;

    [Fact]
    public void Csv_Rows_AreInvariantAndSafeToOpenInExcel()
    {
        Render(Departments, "csv").ShouldBe("""
            name,level,execution_rate_pct
            广州市天河区工商业联合会,district,99.68
            "'=cmd",city,
            江门市工商业联合会,city,100

            """.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+86 20 1234", "\"'+86 20 1234\"")]
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    [InlineData("\t=cmd", "\"'\t=cmd\"")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"")]
    [InlineData("-", "\"'-\"")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("-1e-3", "-1e-3")]
    [InlineData("a=b", "a=b")]
    [InlineData("广州市=天河区", "广州市=天河区")]
    public void Csv_CellThatExcelWouldRunAsAFormula_IsEscaped_NegativeNumbersAreNot(string cell, string written)
    {
        var csv = Render($"select '{cell.Replace("'", "''", StringComparison.Ordinal)}' as cell", "csv");

        csv.Split('\n')[1].TrimEnd('\r').ShouldBe(written);
    }

    [Fact]
    public void Csv_NegativeNumberColumn_StaysANumber()
    {
        Render("select -12.5::decimal(18, 4) as points_deducted", "csv").Split('\n')[1].TrimEnd('\r').ShouldBe("-12.5");
    }

    [Fact]
    public void Json_Rows_KeepChineseReadableAndNumbersAsNumbers()
    {
        var json = Render(Departments, "json");

        json.ShouldContain("\"name\": \"广州市天河区工商业联合会\"");
        json.ShouldContain("\"execution_rate_pct\": 99.68");
        json.ShouldContain("\"execution_rate_pct\": null");
    }

    [Fact]
    public void Table_ChineseText_IsAlignedByDisplayWidth()
    {
        var lines = Render(Departments, "table").Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).ToList();

        lines.Select(DisplayWidth).Distinct().ShouldHaveSingleItem();
        lines.ShouldContain(l => l.Contains("广州市天河区工商业联合会", StringComparison.Ordinal));
    }

    /// <summary>Terminal columns: CJK ideographs and full-width forms take two.</summary>
    static int DisplayWidth(string line) =>
        line.Sum(c => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFF60' ? 2 : 1);
}
