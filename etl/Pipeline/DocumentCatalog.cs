using Dapper;
using DuckDB.NET.Data;

namespace PerfEval.Etl.Pipeline;

/// <summary>The documents already in the warehouse, by SHA-256: which id each has and which extractor version staged it.</summary>
internal sealed class DocumentCatalog
{
    readonly Dictionary<string, (long DocumentId, string ExtractorVersion)> known;

    DocumentCatalog(Dictionary<string, (long, string)> known, long nextDocumentId)
    {
        this.known = known;
        NextDocumentId = nextDocumentId;
    }

    /// <summary>The first id free for new documents.</summary>
    public long NextDocumentId { get; }

    public int Count => known.Count;

    public static async Task<DocumentCatalog> LoadAsync(DuckDBConnection connection)
    {
        // Read straight off DuckDB's reader, not mapped by Dapper: at 20,000 documents that halves the time (BENCHMARKS.md).
        var known = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "select sha256, document_id, extractor_version from stg_document";
            await using var reader = await command.ExecuteReaderAsync();
            // The extractor versions are few: one string each, not one per document.
            var versions = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                var version = reader.GetString(2);
                if (!versions.TryGetValue(version, out var shared)) versions[version] = shared = version;
                known[reader.GetString(0)] = (reader.GetInt64(1), shared);
            }
        }
        var next = known.Count == 0 ? 1 : known.Values.Max(v => v.Item1) + 1;
        return new DocumentCatalog(known, next);
    }

    /// <summary>Whether the document with these bytes was loaded by this extractor version (so it is not extracted again).</summary>
    public bool HoldsCurrent(string sha256, string extractorVersion) =>
        known.TryGetValue(sha256, out var entry) && entry.ExtractorVersion == extractorVersion;

    public bool TryGet(string sha256, out long documentId, out string extractorVersion)
    {
        var found = known.TryGetValue(sha256, out var entry);
        (documentId, extractorVersion) = entry;
        extractorVersion ??= "";
        return found;
    }
}
