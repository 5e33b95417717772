namespace PerfEval.Etl.Warehouse;

/// <summary>Values written into SQL text where DuckDB takes no parameter (paths in ATTACH and COPY, column aliases).</summary>
internal static class SqlText
{
    /// <summary>A string literal: <c>it's</c> → <c>'it''s'</c>.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted identifier: <c>年度</c> → <c>"年度"</c>.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
