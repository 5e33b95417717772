using Dapper;
using DuckDB.NET.Data;

namespace PerfEval.Etl.Warehouse;

/// <summary>
/// One load's private working copy of the warehouse. It starts as a byte copy of the published snapshot
/// (never from a previous working file, which a killed load may have left half-written) and becomes the
/// published snapshot only through <see cref="PublishAsync(CancellationToken)"/>: checkpoint, detach, fsync, then one atomic
/// rename over the published name. Readers that already had the old snapshot open keep reading it.
/// </summary>
public sealed class WarehouseLoad : IAsyncDisposable
{
    readonly WarehouseFile warehouse;
    readonly long? memoryLimitBytes;
    readonly long? halfMemoryLimit;
    DuckDBConnection? connection;
    bool published;

    WarehouseLoad(WarehouseFile warehouse, DuckDBConnection connection, long? memoryLimitBytes)
    {
        this.warehouse = warehouse;
        this.connection = connection;
        this.memoryLimitBytes = memoryLimitBytes;
        halfMemoryLimit = memoryLimitBytes / 2;
    }

    /// <summary>The writer connection to the working copy.</summary>
    public DuckDBConnection Connection => connection ?? throw new InvalidOperationException("the load was already published or discarded");

    internal static async Task<WarehouseLoad> StartAsync(WarehouseFile warehouse, string? memoryLimit, CancellationToken cancellationToken)
    {
        var working = warehouse.WorkingPath;
        var folder = Path.GetDirectoryName(working);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        // The DuckDB instance of this process's last load of this warehouse, if it is still being torn down (PublishAsync).
        if (Closing.TryRemove(working, out var closing)) await closing;
        DeleteWorkingFiles(warehouse); // what a killed load left behind
        DeleteSpillFolders(working);
        var created = !warehouse.Exists;
        if (!created)
        {
            Copy(warehouse.Path, working, cancellationToken);
            // A WAL beside the snapshot comes only from a writer of the old in-place kind that was killed;
            // DuckDB replays it into the working copy, and publishing removes it.
            if (File.Exists(Wal(warehouse.Path))) Copy(Wal(warehouse.Path), Wal(working), cancellationToken);
        }
        // The working copy is attached to an in-memory instance without a write-ahead log (RECOVERY_MODE no_wal_writes):
        // it is private and discarded whole when the load fails, so logging each commit (tens of MB for a build) only
        // costs time; what the load commits reaches the file at its checkpoints (staging's and the publish's).
        // Its row groups are small, so that a rerun's checkpoint rewrites little (RowGroupSize); a new one has small blocks,
        // so that a rerun holds little until its checkpoint (BlockSize).
        var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Where DuckDB spills beyond its memory limit (an in-memory instance would use ./.tmp). Named with the process:
            // DuckDB deletes it when the instance is torn down, which may still go on when another process's load starts.
            await connection.ExecuteAsync($"set temp_directory = {SqlText.Literal($"{working}.tmp.{Environment.ProcessId}")}");
            await connection.ExecuteAsync($"attach {SqlText.Literal(working)} as {Catalog} (recovery_mode no_wal_writes, storage_version '{StorageVersion}', row_group_size {RowGroupSize}{(created ? $", block_size {BlockSize}" : "")})");
            await connection.ExecuteAsync($"use {Catalog}");
            await connection.ExecuteScalarAsync<long>("select count(*) from duckdb_tables()");
            // DuckDB's own memory for this load (its buffer pool; beyond it, it spills to <working>.tmp): without a
            // cap it holds the whole uncommitted load, so a load's memory would grow with the corpus.
            if (memoryLimit is not null) await connection.ExecuteAsync($"set memory_limit = '{DuckDbMemory.Validate(memoryLimit)}'");
            // Without FSST (DuckDB's string compression) every checkpoint is cheaper: at 20,000 reports the full load
            // takes 12.3 s instead of 13.4 s and a 1%-changed rerun 1.8 s instead of 1.94 s, for a file of 47 MB
            // instead of 33 MB (BENCHMARKS.md). Readers decode both; files written with FSST stay readable.
            await connection.ExecuteAsync("set disabled_compression_methods = 'fsst'");
            // The checkpoints are explicit (staging's, and the publish's, which runs beside the briefing pack): without
            // this, the commit of a build would checkpoint on its own, before the pack.
            await connection.ExecuteAsync("set checkpoint_threshold = '1TB'");
        }
        catch (Exception e) when (e is DuckDBException)
        {
            await connection.DisposeAsync();
            DeleteWorkingFiles(warehouse);
            throw new InvalidDataException($"the published warehouse {warehouse.Path} cannot be opened as a DuckDB database: {e.Message}", e);
        }
        return new WarehouseLoad(warehouse, connection, memoryLimit is null ? null : DuckDbMemory.Bytes(memoryLimit));
    }

    /// <summary>
    /// Sets DuckDB's threads for the rest of the load (the transform, the checks, the publish and the pack beside it) to
    /// what the data can use, and returns the number: a thread per <see cref="RowsPerThread"/> rows of the largest table, up
    /// to every core. While the largest table is that small, more threads only add coordination: at 20,000 reports (largest
    /// table 108,000 rows) one thread builds the models in 0.68 s instead of 0.78 s, and a 1%-changed rerun's incremental
    /// transform took 0.67–0.75 s instead of 0.89–1.01 s (BENCHMARKS.md; measured when that was one row group).
    /// With <paramref name="sideBySide"/> queries running at once, each on a connection of its own, each query gets its
    /// share of the cores (at least one thread): an incremental build on a connection per core
    /// (<see cref="Transform.ModelRunner.UpdateAsync"/>), and the briefing pack, a file per core beside the checks and the
    /// publish's checkpoint (<see cref="Export.BriefingPack.Workers"/>). At 40,000 reports (largest table over 122,880
    /// rows) two threads per query on two cores made a 1%-changed rerun slower (1.45 s against 1.19 s) and larger (a peak
    /// of 400 MB against 376 MB), and a full load's pack and checks larger (332–346 MB against 284–289 MB; BENCHMARKS.md).
    /// </summary>
    public async Task<int> FitThreadsToDataAsync(int sideBySide = 1)
    {
        var share = ShareOfCores(sideBySide);
        var largest = share == 1 ? 0 : await Connection.ExecuteScalarAsync<long?>(
            "select max(estimated_size) from duckdb_tables() where database_name = current_database()") ?? 0;
        var threads = (int)Math.Clamp((largest + RowsPerThread - 1) / RowsPerThread, 1, share);
        await Connection.ExecuteAsync($"set threads = {threads}");
        return threads;
    }

    /// <summary>
    /// What a build calls after each table it writes, inside the load's open transaction. The tables a build writes stay in
    /// DuckDB's memory until a checkpoint writes them to the file. So when the ones written since the build began (or since
    /// the last checkpoint) hold half of the load's memory limit or more (<paramref name="heldBytes"/> when given), the
    /// function commits, checkpoints the working copy and opens a new transaction, and returns true. Committing part way is safe because the working copy is private: a
    /// load that fails after it is discarded whole. Without this, a full build held 188 MB of tables at 20,000 reports and
    /// 227 MB (plus 45 MB spilled) at 40,000, so the load's peak grew with the corpus (BENCHMARKS.md). A nightly rerun's
    /// build writes far less and is not held up. A load without a memory limit never checkpoints here. DuckDB refuses a
    /// plain checkpoint while another connection of the load holds its checkpoint lock (a write transaction still open,
    /// or one committed after a reader that is still running began): the function then commits, skips the checkpoint,
    /// opens a new transaction and returns false (the next call, or the publish, writes what is held).
    /// </summary>
    public async Task<Func<Task<bool>>> CheckpointsForBuildAsync(long? heldBytes = null)
    {
        if ((heldBytes ?? halfMemoryLimit) is not { } half) return () => Task.FromResult(false);
        // What is held already (rows staged since staging's last checkpoint) is not the build's.
        var since = await TablesHeldAsync();
        return async () =>
        {
            ReleaseFreedPages();
            if (await TablesHeldAsync() - since < half) return false;
            await Connection.ExecuteAsync("commit");
            try
            {
                await Connection.ExecuteAsync("checkpoint");
            }
            catch (DuckDBException e) when (e.Message.Contains("other write transactions", StringComparison.Ordinal))
            {
                // A plain checkpoint waits for no one: another connection holds the lock (an incremental build's checks,
                // which run beside it, or the pack's readers). What is committed stays in memory, or spills, until the
                // next checkpoint, at the latest the publish's.
                await Connection.ExecuteAsync("begin transaction");
                return false;
            }
            ReleaseFreedPages();
            await Connection.ExecuteAsync("begin transaction");
            // What stays is the build's temporary tables, which a checkpoint does not write: only what comes on top counts.
            since = await TablesHeldAsync();
            return true;
        };
    }

    /// <summary>
    /// Hands the pages DuckDB has freed (a finished query's hash tables, the tables a checkpoint has just written) back to
    /// the system when they come to a quarter of the load's memory limit or more (<see cref="FreedPages"/>); returns how
    /// many bytes that was, 0 when they came to less, null when there is no limit or the allocator cannot tell. The limit
    /// bounds what DuckDB holds; without this, the pages it had freed stayed resident for up to a second beside it, and a
    /// 40,000-report load peaked 60–90 MB higher (BENCHMARKS.md). Each release took 3–13 ms here; a 20,000-report rerun
    /// with 1% changed makes about one.
    /// </summary>
    public long? ReleaseFreedPages() => memoryLimitBytes is { } limit ? FreedPages.Release(limit / 4) : null;

    /// <summary>The memory (and temporary file space) of the tables written and not yet checkpointed, temporary ones included.</summary>
    Task<long> TablesHeldAsync() => Connection.ExecuteScalarAsync<long>(
        "select coalesce(sum(memory_usage_bytes + temporary_storage_bytes), 0)::BIGINT from duckdb_memory() where tag = 'IN_MEMORY_TABLE'");

    /// <summary>The rows of the largest table below which a load's queries run on one DuckDB thread (DuckDB's default row group).</summary>
    const long RowsPerThread = 122_880;

    /// <summary>
    /// The rows per row group of what a load writes (DuckDB's default is 122,880). A rerun appends its documents' rows to
    /// the end of most tables, and a checkpoint merges a table's last row groups when their rows fit in fewer. With the
    /// default, every table of a 20,000-report warehouse fit in one, so each rerun's checkpoint merged the appended rows
    /// back and rewrote nearly the whole warehouse (86–213 ms); with 16,384 rows it rewrites the last few groups at most
    /// (40–50 ms). 8,192 was no faster and made the file 34 MB instead of 27 MB; 32,768 was 44 ms slower (BENCHMARKS.md).
    /// Row groups already written keep their size; readers need no setting.
    /// </summary>
    internal const int RowGroupSize = 16_384;

    /// <summary>
    /// The block size of a warehouse file a load creates (DuckDB's default is 256 KB). Until a checkpoint, a committed
    /// append holds a block per column it wrote to: a rerun that adds a few hundred documents' rows to most of the 31
    /// tables (335 columns in all) held 145–151 MB of them at any size of warehouse, written at the publish beside the
    /// pack. With 64 KB blocks, trial of a 1%-changed rerun: 20,000 reports, peak 244–259 MB instead of 326–352 and
    /// 0.72 s against 0.80 (medians of 6); 40,000 reports, 290–327 MB instead of 362–385 and 1.14 s against 1.43; full
    /// loads no slower; the file 20.0 MB instead of 28.1 MB at 20,000. 16 KB made loads slower, 32 KB a 27.9 MB file,
    /// 128 KB a higher peak (BENCHMARKS.md). The block size is the file's own: a warehouse created before keeps its 256
    /// KB blocks, and readers need no setting.
    /// </summary>
    internal const int BlockSize = 65_536;

    /// <summary>The DuckDB threads each of <paramref name="sideBySide"/> queries running at once gets: its share of the cores, at least one.</summary>
    public static int ShareOfCores(int sideBySide) => Math.Max(1, Environment.ProcessorCount / Math.Max(1, sideBySide));

    /// <summary>Makes the working copy the published snapshot (<see cref="PublishAsync(Func{Task}?, CancellationToken)"/>, nothing alongside).</summary>
    public Task PublishAsync(CancellationToken cancellationToken = default) => PublishAsync(null, cancellationToken);

    /// <summary>
    /// Another connection to the working copy (the same DuckDB instance as <see cref="Connection"/>), which sees what
    /// the load has committed; for work done beside the rest of the load (the briefing pack, written once the reports are
    /// built, beside the checks and <see cref="PublishAsync(Func{Task}?, CancellationToken)"/>). Dispose it before that returns.
    /// </summary>
    public DuckDBConnection OpenReader()
    {
        var reader = Connection.Duplicate();
        reader.Open();
        reader.Execute($"use {Catalog}");
        return reader;
    }

    /// <summary>
    /// Makes the working copy the published snapshot. Call with no transaction open. After a kill
    /// anywhere in here the published file is either the old snapshot or the new one, never a mix.
    /// <paramref name="alongside"/> runs while the committed changes are checkpointed into the file (readers over
    /// <see cref="OpenReader"/> see the committed data throughout), and must have closed its connections when it ends;
    /// the file is published after both. Its failures are its own to handle: an exception from it fails the publish.
    /// </summary>
    public async Task PublishAsync(Func<Task>? alongside, CancellationToken cancellationToken = default)
    {
        var open = Connection;
        if (alongside is not null)
        {
            var side = Task.Run(alongside, CancellationToken.None);
            try
            {
                // A plain checkpoint lets the readers alongside go on (a forced one would abort their transactions). It is
                // refused when a write was committed after one of them began (the checks of a full build, which run beside
                // the pack): a committed write keeps the checkpoint lock until every transaction older than its commit ends.
                await open.ExecuteAsync("checkpoint");
            }
            catch (DuckDBException)
            {
                // Refused: the forced checkpoint below does it once the readers are done.
            }
            await side;
        }
        await open.ExecuteAsync("force checkpoint");
        // Detached, the working copy's file is closed (and its lock released) at once. Tearing down the instance itself
        // (freeing its buffer pool) takes 25–35 ms more at 20,000 reports: another thread does it, and this process's next
        // load of the warehouse waits for it (StartAsync).
        await open.ExecuteAsync("use memory");
        await open.ExecuteAsync($"detach {Catalog}");
        connection = null;
        Closing[warehouse.WorkingPath] = Task.Run(open.Dispose, CancellationToken.None);
        var working = warehouse.WorkingPath;
        if (File.Exists(Wal(working)) && new FileInfo(Wal(working)).Length > 0)
            throw new IOException($"the working copy {working} still has a write-ahead log after its checkpoint; nothing was published");
        File.Delete(Wal(working));
        await using (var stream = new FileStream(working, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            stream.Flush(flushToDisk: true);
        cancellationToken.ThrowIfCancellationRequested();
        File.Delete(Wal(warehouse.Path));
        File.Move(working, warehouse.Path, overwrite: true); // rename(2): atomic within the folder
        published = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
        if (!published) DeleteWorkingFiles(warehouse);
    }

    static string Wal(string databasePath) => databasePath + ".wal";

    /// <summary>
    /// The storage format loads write (DuckDB's default is still v0.10.2's, which every DuckDB since then reads). The
    /// newer one checkpoints for less: the checkpoint of a 1%-changed rerun at 20,000 reports takes 0.31–0.39 s instead
    /// of 0.38–0.50 s (BENCHMARKS.md). A warehouse written before writes its changes in it from its next load on. The
    /// cost: DuckDB older than 1.5.0 (an analyst's own Python or CLI) cannot open the file; perfeval's commands can.
    /// </summary>
    public const string StorageVersion = "v1.5.0";

    /// <summary>The name the working copy is attached under (the default database of the load's connections).</summary>
    const string Catalog = "warehouse";

    /// <summary>The DuckDB instances of published loads still being torn down, by working path.</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> Closing = new(StringComparer.Ordinal);

    /// <summary>
    /// The folders DuckDB spilled into for earlier loads of this warehouse, left behind by a process that was killed. (No
    /// other load of it runs: the caller holds the load lock. An instance another process still tears down loses nothing.)
    /// </summary>
    static void DeleteSpillFolders(string working)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(working))!;
        foreach (var spill in Directory.EnumerateDirectories(folder, Path.GetFileName(working) + ".tmp*"))
        {
            try { Directory.Delete(spill, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the next load tries again */ }
        }
    }

    static void DeleteWorkingFiles(WarehouseFile warehouse)
    {
        File.Delete(warehouse.WorkingPath);
        File.Delete(Wal(warehouse.WorkingPath));
    }

    /// <summary>
    /// Copies the snapshot to a new file. <see cref="File.Copy(string, string)"/> has the kernel copy it (copy_file_range on
    /// Linux, a clone where the file system can): 7–9 ms for a 27 MB warehouse, where a stream copy through a 1 MB buffer
    /// took 8–27 ms.
    /// </summary>
    static void Copy(string from, string to, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        File.Copy(from, to, overwrite: false);
    }
}
