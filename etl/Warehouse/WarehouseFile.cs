using DuckDB.NET.Data;

namespace PerfEval.Etl.Warehouse;

/// <summary>
/// The one place that knows where the warehouse lives and how it is opened. <see cref="Path"/> is the
/// published snapshot analysts read; a load never writes it in place. A load takes the cross-process
/// load lock, copies the snapshot to a private working file, writes and checkpoints that, and renames
/// it over <see cref="Path"/> (docs/CONCURRENCY-SECTION.md). So readers never block a load, a load never
/// blocks readers, and a load killed at any point leaves the published snapshot as it was.
/// </summary>
public sealed class WarehouseFile
{
    /// <summary>The default path, relative to the caller's folder.</summary>
    public const string DefaultPath = "data/warehouse.duckdb";

    public WarehouseFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Absolute path of the published DuckDB file: the snapshot analysts read.</summary>
    public string Path { get; }

    /// <summary>The private working copy a load writes; in the same folder, so publishing is a rename.</summary>
    public string WorkingPath => Path + ".loading";

    /// <summary>The file whose exclusive lock (flock) marks a running load, across processes.</summary>
    public string LockPath => Path + ".lock";

    public bool Exists => File.Exists(Path);

    /// <summary>Waits until no other load of this warehouse runs, in this process or any other; dispose to release.</summary>
    public Task<LoadLock> AcquireLoadLockAsync(CancellationToken cancellationToken = default) =>
        LoadLock.AcquireAsync(this, Timeout.InfiniteTimeSpan, null, cancellationToken);

    /// <summary>
    /// As <see cref="AcquireLoadLockAsync(CancellationToken)"/>, reporting once when it has to wait, and throwing
    /// <see cref="TimeoutException"/> when another load still holds the lock after <paramref name="timeout"/>.
    /// </summary>
    public Task<LoadLock> AcquireLoadLockAsync(TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellationToken = default) =>
        LoadLock.AcquireAsync(this, timeout, progress, cancellationToken);

    /// <summary>
    /// Starts a load under <paramref name="loadLock"/>: a fresh working copy of the published snapshot
    /// (an empty database when none is published yet), open for writing. Nothing is visible to readers
    /// until <see cref="WarehouseLoad.PublishAsync(CancellationToken)"/>; disposing without publishing discards it.
    /// </summary>
    public Task<WarehouseLoad> BeginLoadAsync(LoadLock loadLock, CancellationToken cancellationToken = default) =>
        BeginLoadAsync(loadLock, null, cancellationToken);

    /// <summary>As <see cref="BeginLoadAsync(LoadLock, CancellationToken)"/>, with DuckDB's memory for the load capped at <paramref name="memoryLimit"/> (e.g. <c>256MB</c>).</summary>
    public Task<WarehouseLoad> BeginLoadAsync(LoadLock loadLock, string? memoryLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loadLock);
        if (!loadLock.Holds(this)) throw new InvalidOperationException($"the load lock of {Path} is not held");
        return WarehouseLoad.StartAsync(this, memoryLimit, cancellationToken);
    }

    /// <summary>Opens the published snapshot read-only; throws <see cref="FileNotFoundException"/> when there is no warehouse yet.</summary>
    public DuckDBConnection OpenReadOnly()
    {
        if (!Exists) throw new FileNotFoundException($"no warehouse at {Path}; load one first with `perfeval run`", Path);
        var connection = new DuckDBConnection($"Data Source={Path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Opens the published snapshot read-only for SQL typed by someone else (<c>perfeval query</c>): no file,
    /// network or extension access beyond the warehouse itself (<c>enable_external_access = false</c>), and
    /// the configuration locked so the SQL cannot switch it back. DuckDB settings belong to the database
    /// instance, which DuckDB.NET shares among the open connections to one file in this process: use it in
    /// processes that open the warehouse only for such queries.
    /// </summary>
    public DuckDBConnection OpenSandboxed()
    {
        var connection = OpenReadOnly();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "select current_setting('enable_external_access')::boolean, current_setting('lock_configuration')::boolean";
            bool external, locked;
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                (external, locked) = (reader.GetBoolean(0), reader.GetBoolean(1));
            }
            if (locked && external) throw new InvalidOperationException($"{Path} is open in this process with a locked configuration that allows external access");
            if (!locked)
            {
                command.CommandText = "set enable_external_access = false; set lock_configuration = true;";
                command.ExecuteNonQuery();
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override string ToString() => Path;
}
