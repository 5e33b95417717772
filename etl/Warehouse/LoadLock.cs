using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PerfEval.Etl.Warehouse;

/// <summary>
/// Held by the one load of a warehouse that may run: a semaphore queues loads within the process, and an
/// exclusive lock on <see cref="WarehouseFile.LockPath"/> (FileShare.None, which .NET takes as flock on
/// Unix) keeps other processes out. The kernel drops the file lock when its process dies, so a killed load
/// never leaves a stale lock behind; the lock file itself may stay and means nothing on its own.
/// </summary>
public sealed class LoadLock : IDisposable
{
    static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    readonly string path;
    readonly SemaphoreSlim gate;
    readonly FileStream file;
    int released;

    LoadLock(string path, SemaphoreSlim gate, FileStream file)
    {
        this.path = path;
        this.gate = gate;
        this.file = file;
    }

    internal bool Holds(WarehouseFile warehouse) => Volatile.Read(ref released) == 0 && warehouse.Path == path;

    internal static async Task<LoadLock> AcquireAsync(WarehouseFile warehouse, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var gate = Gates.GetOrAdd(warehouse.Path, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            progress?.Report($"waiting for the load of {warehouse.Path} that is running in this process");
            if (!await gate.WaitAsync(timeout, cancellationToken)) throw Busy(warehouse, timeout);
        }
        try
        {
            var folder = Path.GetDirectoryName(warehouse.LockPath);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            var waited = false;
            while (true)
            {
                if (TryOpen(warehouse.LockPath) is { } file)
                {
                    WriteOwner(file);
                    return new LoadLock(warehouse.Path, gate, file);
                }
                if (!waited) progress?.Report($"waiting for another process's load of {warehouse.Path} to finish (lock {warehouse.LockPath})");
                waited = true;
                if (timeout != Timeout.InfiniteTimeSpan && clock.Elapsed >= timeout) throw Busy(warehouse, timeout);
                await Task.Delay(Poll, cancellationToken);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    static FileStream? TryOpen(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            return null; // held by another load
        }
    }

    /// <summary>Who holds the lock, for a person looking at the file; nothing reads it back.</summary>
    static void WriteOwner(FileStream file)
    {
        var owner = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} since {DateTime.UtcNow:O}\n"));
        file.SetLength(0);
        file.Write(owner);
        file.Flush();
    }

    static TimeoutException Busy(WarehouseFile warehouse, TimeSpan timeout) =>
        new($"another load of {warehouse.Path} has been running for more than {timeout.TotalMinutes:0.#} min (lock {warehouse.LockPath}); try again later");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) != 0) return;
        file.Dispose();
        gate.Release();
    }
}
