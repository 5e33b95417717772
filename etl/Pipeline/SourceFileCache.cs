using DuckDB.NET.Data;
using Dapper;

namespace PerfEval.Etl.Pipeline;

/// <summary>The size and last-write time of source files, one <c>stat</c> each, taken before a load decides which to read.</summary>
internal static class SourceFileStats
{
    /// <summary>One file's full path, size and last-write time; <c>FullPath</c> is null when it is gone or cannot be stat'ed.</summary>
    public readonly record struct Entry(string? FullPath, long SizeBytes, DateTime LastWriteUtc);

    /// <summary>Stats <paramref name="files"/> on up to <paramref name="parallelism"/> threads.</summary>
    public static Entry[] Of(IReadOnlyList<string> files, int parallelism, CancellationToken cancellationToken = default)
    {
        var entries = new Entry[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, index =>
        {
            try
            {
                var info = new FileInfo(Path.GetFullPath(files[index]));
                if (info.Exists) entries[index] = new Entry(info.FullName, info.Length, info.LastWriteTimeUtc);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Read like any changed file, which says why it cannot be.
            }
        });
        return entries;
    }
}

/// <summary>A source file's size and last-write time when a run hashed it, and the SHA-256 it had then.</summary>
internal sealed record SourceFileStat(string Path, long SizeBytes, long LastWriteUtcTicks, long HashedAtUtcTicks, string Sha256);

/// <summary>
/// The hashes of source files by path, size and last-write time (<c>etl_source_file</c>), so a rerun over a large,
/// mostly unchanged folder reads only the files that changed, as git's index does. A hit is trusted only when
/// the file's size and last-write time are exactly those recorded and it was last written well before it was
/// hashed (a change in the same clock tick as the hashing would keep its old time). <c>--rehash</c> turns it off.
/// </summary>
internal sealed class SourceFileCache
{
    /// <summary>Files written this close before their hashing are read again next time (FAT keeps 2 s times).</summary>
    static readonly long RacyTicks = TimeSpan.FromSeconds(2).Ticks;

    const string Table = "etl_source_file";

    readonly Dictionary<string, SourceFileStat> byPath;

    SourceFileCache(Dictionary<string, SourceFileStat> byPath) => this.byPath = byPath;

    /// <summary>An empty cache: every file is read and hashed.</summary>
    public static SourceFileCache None { get; } = new(new Dictionary<string, SourceFileStat>(StringComparer.Ordinal));

    public int Count => byPath.Count;

    public static async Task<SourceFileCache> LoadAsync(DuckDBConnection connection)
    {
        // Read straight off DuckDB's reader, not mapped by Dapper: at 20,000 files that halves the time (BENCHMARKS.md).
        var byPath = new Dictionary<string, SourceFileStat>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"select path, size_bytes, last_write_utc_ticks, hashed_at_utc_ticks, sha256 from {Table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new SourceFileStat(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4));
                byPath[row.Path] = row;
            }
        }
        return new SourceFileCache(byPath);
    }

    /// <summary>The recorded hash of <paramref name="fullPath"/> when its size and last-write time are unchanged and were not racy.</summary>
    public bool TryGetSha256(string fullPath, long sizeBytes, DateTime lastWriteUtc, out string sha256)
    {
        sha256 = "";
        if (!byPath.TryGetValue(fullPath, out var stat)) return false;
        if (stat.SizeBytes != sizeBytes || stat.LastWriteUtcTicks != lastWriteUtc.Ticks) return false;
        if (stat.LastWriteUtcTicks > stat.HashedAtUtcTicks - RacyTicks) return false;
        sha256 = stat.Sha256;
        return true;
    }

    /// <summary>
    /// Whether a load need not even read the file: its hash is known from its size and time (<see cref="TryGetSha256"/>)
    /// and the document with those bytes was loaded by this extractor version. The load and the extraction fan-out
    /// (<see cref="UnchangedFiles"/>) decide it the same way.
    /// </summary>
    public bool IsKnownLoaded(string fullPath, long sizeBytes, DateTime lastWriteUtc, DocumentCatalog catalog, string extractorVersion, out string sha256) =>
        TryGetSha256(fullPath, sizeBytes, lastWriteUtc, out sha256) && catalog.HoldsCurrent(sha256, extractorVersion);

    /// <summary>
    /// For each of <paramref name="files"/>, its hash when <see cref="IsKnownLoaded"/> says it need not be read, else null
    /// (also for a file that is gone or cannot be stat'ed: whoever reads it says why). One <c>stat</c> per file, on up to
    /// <paramref name="parallelism"/> threads; nothing at all when the cache is empty.
    /// </summary>
    public string?[] KnownLoadedHashes(IReadOnlyList<string> files, DocumentCatalog catalog, string extractorVersion, int parallelism = 1, CancellationToken cancellationToken = default) =>
        Count == 0 ? new string?[files.Count] : KnownLoadedHashes(SourceFileStats.Of(files, parallelism, cancellationToken), catalog, extractorVersion);

    /// <summary>As above, from the files' sizes and times already taken (<see cref="SourceFileStats.Of"/>).</summary>
    public string?[] KnownLoadedHashes(IReadOnlyList<SourceFileStats.Entry> stats, DocumentCatalog catalog, string extractorVersion)
    {
        var hashes = new string?[stats.Count];
        if (Count == 0) return hashes;
        for (var index = 0; index < stats.Count; index++)
        {
            var stat = stats[index];
            if (stat.FullPath is not null && IsKnownLoaded(stat.FullPath, stat.SizeBytes, stat.LastWriteUtc, catalog, extractorVersion, out var sha256))
                hashes[index] = sha256;
        }
        return hashes;
    }

    /// <summary>Records the files hashed by this run (replacing what was recorded for their paths), in the run's transaction.</summary>
    public static async Task SaveAsync(DuckDBConnection connection, IReadOnlyCollection<SourceFileStat> stats)
    {
        if (stats.Count == 0) return;
        const string incoming = Table + "__incoming";
        await connection.ExecuteAsync($"create or replace table {incoming} as select * from {Table} limit 0");
        using (var appender = connection.CreateAppender(incoming))
        {
            foreach (var s in stats)
            {
                var row = appender.CreateRow();
                row.AppendValue(s.Path).AppendValue(s.SizeBytes).AppendValue(s.LastWriteUtcTicks).AppendValue(s.HashedAtUtcTicks).AppendValue(s.Sha256);
                row.EndRow();
            }
        }
        await connection.ExecuteAsync($"delete from {Table} where path in (select path from {incoming})");
        await connection.ExecuteAsync($"insert into {Table} select * from {incoming}");
        await connection.ExecuteAsync($"drop table {incoming}");
    }
}
