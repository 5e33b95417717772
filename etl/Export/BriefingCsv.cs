using System.Text;
using DuckDB.NET.Data;
using PerfEval.Etl.Report;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Export;

/// <summary>
/// How the briefing CSVs are written, by DuckDB's own CSV writer (<c>COPY … TO</c>) from a <c>select</c> that formats
/// every column (<see cref="PackColumn"/>): UTF-8 with BOM (Excel on a Chinese desktop), RFC 4180 (CRLF; a field
/// with a comma, quote or line break quoted, quotes doubled), figures with two decimals, flags as 是/否, and formula
/// injection escaped the way CsvHelper's <c>InjectionOptions.Escape</c> does it (a text starting with <c>=</c>,
/// <c>@</c>, <c>+</c>, <c>-</c>, tab or CR gets a leading <c>'</c>), except that a plain number such as <c>-3.5</c>
/// stays a number. The rows never pass through .NET: a pack of 70,000 rows is written in tens of milliseconds.
/// </summary>
public static class BriefingCsv
{
    /// <summary>UTF-8 with a byte-order mark.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    const string NewLine = "\r\n";

    /// <summary>
    /// The select list that formats each column and names it by its header. <paramref name="types"/> (column → DuckDB
    /// type, as <see cref="ColumnTypes"/> reads them) lets a DECIMAL figure round in its own width; without it, or for
    /// any other type, a figure goes through DECIMAL(38, 10), which is exact but slower.
    /// </summary>
    public static string SelectList(IEnumerable<PackColumn> columns, IReadOnlyDictionary<string, string>? types = null) =>
        string.Join(", ", columns.Select(c => $"{Expression(c, types?.GetValueOrDefault(c.Column))} as {SqlText.Identifier(c.Header)}"));

    /// <summary>The DuckDB type of each column of a table or view (<c>DECIMAL(18,4)</c>, <c>VARCHAR</c> …).</summary>
    public static IReadOnlyDictionary<string, string> ColumnTypes(DuckDBConnection connection, string tableOrView)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "select column_name, data_type from duckdb_columns() where table_name = $name and schema_name = 'main'";
        command.Parameters.Add(new DuckDBParameter("name", tableOrView));
        using var reader = command.ExecuteReader();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) types[reader.GetString(0)] = reader.GetString(1);
        return types;
    }

    /// <summary>
    /// Writes the rows of <paramref name="query"/> (whose select list is <see cref="SelectList"/> of
    /// <paramref name="columns"/>) to <paramref name="path"/>, replacing it; returns the number of rows.
    /// </summary>
    public static long Write(DuckDBConnection connection, ComparisonQuery query, IReadOnlyList<PackColumn> columns, string path)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(columns);
        var header = '\uFEFF' + string.Join(",", columns.Select(c => Field(c.Header))) + NewLine;
        File.Delete(path);
        long rows;
        using (var command = connection.CreateCommand())
        {
            // The header goes in as the prefix (DuckDB's HEADER cannot be combined with one), and the suffix ends the
            // last row: DuckDB writes the line break between rows.
            command.CommandText = $"copy ({query.Sql}) to {SqlText.Literal(path)} (format csv, header false, new_line '\\r\\n', prefix {SqlText.Literal(header)}, suffix {SqlText.Literal(NewLine)})";
            foreach (var (name, value) in query.Parameters) command.Parameters.Add(new DuckDBParameter(name, value));
            rows = command.ExecuteNonQuery();
        }
        // No rows: the header alone, not the header and an empty line.
        if (rows == 0) File.WriteAllText(path, header[1..], Encoding);
        return rows;
    }

    /// <summary>The SQL expression that writes one column's value as its cell (NULL for an empty cell).</summary>
    internal static string Expression(PackColumn column, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        var value = SqlText.Identifier(column.Column);
        return column.Format switch
        {
            PackFormat.Figure => Figure(value, type),
            PackFormat.Whole => $"cast({value} as varchar)",
            PackFormat.Flag => $"case when {value} then '是' else '否' end",
            _ => Text(column.Labels is { Count: > 0 } labels
                ? $"case cast({value} as varchar) {string.Join(" ", labels.Select(l => $"when {SqlText.Literal(l.Code)} then {SqlText.Literal(l.Label)}"))} else cast({value} as varchar) end"
                : $"cast({value} as varchar)"),
        };
    }

    static readonly System.Text.RegularExpressions.Regex DecimalType = new(@"^DECIMAL\((\d+),\s*(\d+)\)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Two decimals, rounded half away from zero as .NET's decimal "0.00" does. A DECIMAL(p, s) is cast to two decimals
    /// in a width that holds its whole part and a carry (DECIMAL(18, 4) → DECIMAL(17, 2), a 64-bit integer underneath); anything
    /// else goes through DECIMAL(38, 10) first, so a DOUBLE rounds as its decimal digits read (1.005 → 1.01).
    /// </summary>
    static string Figure(string value, string? type)
    {
        if (type is not null && DecimalType.Match(type) is { Success: true } m)
        {
            var whole = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) - int.Parse(m.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            return $"cast(cast({value} as decimal({Math.Min(38, whole + 3)}, 2)) as varchar)";
        }
        return $"cast(cast(cast({value} as decimal(38, 10)) as decimal(38, 2)) as varchar)";
    }

    /// <summary>
    /// A text cell: empty for NULL or an empty text, and prefixed with <c>'</c> when it starts with a character a
    /// spreadsheet would read as the start of a formula, unless the whole text is a plain number (<c>-0.28</c>).
    /// The first character is tested with an anchored regular expression: testing <c>ascii()</c> of it took a third
    /// of the pack's time (BENCHMARKS.md).
    /// </summary>
    static string Text(string text) =>
        $"case when ({text}) = '' then null "
        + $"when regexp_matches({text}, '^[-=@+\\t\\r]') and not regexp_full_match({text}, '-?[0-9]+([.][0-9]+)?') then '''' || ({text}) "
        + $"else {text} end";

    /// <summary>A header cell, quoted as DuckDB quotes the data cells.</summary>
    static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

}
