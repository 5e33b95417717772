using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace PerfEval.Etl.Warehouse;

/// <summary>
/// The one place that knows where the warehouse file lives and how it is opened.
/// A later change can make loads write a private working copy and publish it atomically
/// (so analysts keep reading during a load) by changing only this class.
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

    /// <summary>Absolute path of the DuckDB file.</summary>
    public string Path { get; }

    public bool Exists => File.Exists(Path);

    static readonly ConcurrentDictionary<string, SemaphoreSlim> LoadLocks = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues loads of this file within the process (e.g. a scheduler triggering a run while one is
    /// going); DuckDB's own file lock already keeps a second process out.
    /// </summary>
    public async Task<IDisposable> AcquireLoadLockAsync(CancellationToken cancellationToken = default)
    {
        var gate = LoadLocks.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }

    /// <summary>Opens the single writer connection, creating the folder and file when missing.</summary>
    public async Task<DuckDBConnection> OpenForLoadAsync(CancellationToken cancellationToken = default)
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var connection = new DuckDBConnection($"Data Source={Path}");
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Opens a read-only connection for analysts; throws <see cref="FileNotFoundException"/> when there is no warehouse yet.</summary>
    public DuckDBConnection OpenReadOnly()
    {
        if (!Exists) throw new FileNotFoundException($"no warehouse at {Path}; load one first with `perfeval run`", Path);
        var connection = new DuckDBConnection($"Data Source={Path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    public override string ToString() => Path;
}
