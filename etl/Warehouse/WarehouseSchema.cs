using Dapper;
using DuckDB.NET.Data;

namespace PerfEval.Etl.Warehouse;

/// <summary>Creates the tables that persist between runs (<c>sql/staging</c>, <c>sql/system</c>) when missing.</summary>
public static class WarehouseSchema
{
    /// <summary>The staging tables, in the order the files list them.</summary>
    public static IReadOnlyList<string> StagingTables { get; } =
        SqlResources.List("sql/staging/").Select(SqlResources.ObjectName).ToList();

    /// <summary>
    /// The staging tables whose rows each belong to one document (a <c>document_id</c> column in their <c>create table</c>),
    /// read from their files: an incremental build narrows them to the documents it computes again without a query of
    /// DuckDB's catalog (2–7 ms in a rerun).
    /// </summary>
    public static IReadOnlyList<string> StagingTablesByDocument { get; } =
        SqlResources.List("sql/staging/")
            .Where(name => System.Text.RegularExpressions.Regex.IsMatch(SqlResources.Read(name), @"^\s*document_id\s", System.Text.RegularExpressions.RegexOptions.Multiline))
            .Select(SqlResources.ObjectName).ToList();

    /// <summary>Idempotent; runs in its own transaction so a failed load still finds <c>etl_run</c> to record itself in.</summary>
    public static async Task EnsureAsync(DuckDBConnection connection)
    {
        await connection.ExecuteAsync("begin transaction");
        try
        {
            foreach (var name in SqlResources.List("sql/staging/").Concat(SqlResources.List("sql/system/")))
                await connection.ExecuteAsync(SqlResources.Read(name));
            await connection.ExecuteAsync("commit");
        }
        catch
        {
            await connection.ExecuteAsync("rollback");
            throw;
        }
    }
}
