using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Pipeline;

namespace PerfEval.Jobs.Serve.FanOut;

/// <summary>
/// The spool as the load sees it: an extract a batch made, or null so the load extracts the file itself. A spool
/// that cannot be read or an extract that cannot be decoded is a miss, never a failed load. Remembers what it
/// handed out, so the coordinator can delete exactly those rows once the load has committed.
/// </summary>
public sealed class SpoolLookup(ExtractSpool spool, ILogger logger) : IExtractLookup
{
    readonly ConcurrentDictionary<string, byte> used = new(StringComparer.Ordinal);
    int errors;

    /// <summary>The hashes whose spooled extract the load took.</summary>
    public IReadOnlyCollection<string> Used => used.Keys.ToList();

    /// <summary>Lookups that failed (spool unreadable, extract undecodable) and so were extracted by the load.</summary>
    public int Errors => Volatile.Read(ref errors);

    public async ValueTask<ReportExtract?> FindAsync(string sha256, string extractorVersion, CancellationToken cancellationToken)
    {
        try
        {
            if (await spool.FindAsync(sha256, extractorVersion, cancellationToken) is not { } payload) return null;
            var extract = ExtractCodec.Decode(payload);
            used[sha256] = 0;
            return extract;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidDataException)
        {
            // Only the first is logged: a spool that is down fails every lookup the same way.
            if (Interlocked.Increment(ref errors) == 1)
                logger.LogWarning("fan-out: a spooled extract could not be used, so the load extracts the file itself: {Error}", e.Message);
            return null;
        }
    }
}
