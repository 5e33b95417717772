using System.Text.Json;
using Dapper;
using DuckDB.NET.Data;

namespace PerfEval.Etl.Pipeline;

/// <summary>Reads and writes <c>etl_run</c>, the history of loads.</summary>
public static class RunHistory
{
    internal static async Task<long> NextRunIdAsync(DuckDBConnection connection) =>
        await connection.ExecuteScalarAsync<long>("select coalesce(max(run_id), 0) + 1 from etl_run");

    internal static Task RecordAsync(DuckDBConnection connection, RunSummary run, IReadOnlyList<string> sources, string extractorVersion) =>
        connection.ExecuteAsync(
            """
            insert into etl_run (run_id, started_at, finished_at, status, documents_seen, documents_new, documents_unchanged,
                documents_rejected, documents_reextracted, findings, duration_ms, rows_per_table, extractor_version, sources, error)
            values ($run_id, $started_at, $finished_at, $status, $documents_seen, $documents_new, $documents_unchanged, $documents_rejected, $documents_reextracted, $findings,
                $duration_ms, $rows_per_table, $extractor_version, $sources, $error)
            """,
            new
            {
                run_id = run.RunId,
                started_at = run.StartedAt,
                finished_at = run.StartedAt + run.Duration,
                status = run.Status,
                documents_seen = run.DocumentsSeen,
                documents_new = run.DocumentsNew,
                documents_unchanged = run.DocumentsUnchanged,
                documents_rejected = run.DocumentsRejected,
                documents_reextracted = run.DocumentsReextracted,
                findings = run.Findings,
                duration_ms = (long)run.Duration.TotalMilliseconds,
                rows_per_table = JsonSerializer.Serialize(run.RowsPerTable),
                extractor_version = extractorVersion,
                sources = string.Join(';', sources),
                error = run.Error,
            });
}
