using Dapper;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Tests.Serve;

/// <summary>
/// Every row of a warehouse's tables as text, without what legitimately differs between two loads of the same
/// files: the run that loaded a row and when (<c>run_id</c>, and columns named <c>*_at</c> or <c>*_at_*</c> such as
/// <c>loaded_at</c>), the run history itself, and <c>etl_source_file</c>, which records the files' times rather than
/// data (the fan-out tests set those times; SourceFileCacheFacts test that table).
/// </summary>
public sealed class WarehouseRows
{
    static readonly string[] SkippedTables = ["etl_run", "etl_state", "etl_source_file"];

    WarehouseRows(SortedDictionary<string, List<string>> tables) => Tables = tables;

    public SortedDictionary<string, List<string>> Tables { get; }

    public static WarehouseRows Read(string warehousePath)
    {
        using var connection = new WarehouseFile(warehousePath).OpenReadOnly();
        var tables = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in connection.Query<string>("select table_name from information_schema.tables where table_type = 'BASE TABLE'"))
        {
            if (SkippedTables.Contains(table)) continue;
            var columns = connection.Query<string>($"select column_name from information_schema.columns where table_name = '{table}' order by ordinal_position")
                .Where(c => !SaysWhichRunOrWhen(c)).Select(c => $"\"{c}\"");
            tables[table] = connection.Query<string>($"select t::varchar from (select {string.Join(", ", columns)} from {table}) t")
                .Order(StringComparer.Ordinal).ToList();
        }
        return tables.Count == 0 ? throw new InvalidOperationException($"{warehousePath} has no tables") : new WarehouseRows(tables);
    }

    static bool SaysWhichRunOrWhen(string column) =>
        column == "run_id" || column.EndsWith("_at", StringComparison.Ordinal) || column.Contains("_at_", StringComparison.Ordinal);

    /// <summary>Asserts table by table, so a failure names the table and a few rows that differ.</summary>
    public void ShouldEqual(WarehouseRows expected, string because)
    {
        Tables.Keys.ShouldBe(expected.Tables.Keys, $"the same tables ({because})");
        foreach (var (table, rows) in expected.Tables)
        {
            var actual = Tables[table];
            var missing = rows.Except(actual).Take(3).ToList();
            var extra = actual.Except(rows).Take(3).ToList();
            (missing.Count + extra.Count).ShouldBe(0, $"{table} ({because}): missing {string.Join(" | ", missing)}; extra {string.Join(" | ", extra)}");
            actual.Count.ShouldBe(rows.Count, $"rows of {table} ({because})");
        }
    }
}
