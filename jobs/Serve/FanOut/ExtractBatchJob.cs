using Hangfire;
using Microsoft.Extensions.Logging;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Sources;

namespace PerfEval.Jobs.Serve.FanOut;

/// <summary>The extractor a batch runs; tests put a failing one here.</summary>
public delegate ReportExtract BatchExtractor(byte[] bytes, string source);

/// <summary>
/// One batch of the fan-out, on any server that listens on the <c>extract</c> queue: extracts the files that are
/// neither loaded nor spooled yet and spools their extracts for the next load. Safe to run twice: a retry hashes
/// its files again and skips what is done. A file it cannot read or extract is left to the loader, which extracts
/// whatever the spool lacks, so a bad file never fails the batch.
/// </summary>
[Queue(QueueName)]
[AutomaticRetry(Attempts = RetryAttempts, DelaysInSeconds = [10, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class ExtractBatchJob(ExtractSpool spool, ILogger<ExtractBatchJob> logger, BatchExtractor? extractor = null)
{
    public const string QueueName = "extract";

    /// <summary>Retries of a batch that failed (the spool unreachable); the coordinator only waits so long for them.</summary>
    public const int RetryAttempts = 2;

    readonly BatchExtractor extract = extractor ?? ((bytes, source) => Extractor.Extract(bytes, source));

    /// <summary>Extracts and spools the batch; returns what it did, which Hangfire keeps as the job's result.</summary>
    [JobDisplayName("extract batch {0} of {1}")]
    public async Task<string> RunAsync(int batch, int batches, string[] files, string extractorVersion, CancellationToken cancellationToken)
    {
        if (extractorVersion != Extractor.Version)
        {
            // Spooled under the load's version, this server's extracts would pass for another version's.
            logger.LogWarning("extract batch {Batch}: this server runs extractor {Mine}, the load wants {Wanted}; left to the loader", batch, Extractor.Version, extractorVersion);
            return $"{files.Length} files left to the loader: this server runs extractor {Extractor.Version}, the load {extractorVersion}";
        }
        var hashes = await HashAsync(files, cancellationToken);
        var done = await spool.DoneAsync(hashes.Select(h => h.Value).Distinct().ToList(), extractorVersion, cancellationToken);
        int extracted = 0, left = files.Length - hashes.Count, skipped = 0;
        foreach (var (path, sha256) in hashes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!done.Add(sha256)) { skipped++; continue; }
            if (await ExtractAsync(path, cancellationToken) is not { } spooled) { left++; continue; }
            await spool.AddAsync(spooled.Sha256, extractorVersion, spooled.Payload, cancellationToken);
            extracted++;
        }
        var result = $"{files.Length} files: {extracted} extracted and spooled, {skipped} already loaded or spooled, {left} left to the loader";
        logger.LogInformation("extract batch {Batch} of {Batches}: {Result}", batch, batches, result);
        return result;
    }

    /// <summary>Each readable file's SHA-256, in file order. A file too large to parse is left out: the loader rejects it without reading it.</summary>
    static async Task<List<KeyValuePair<string, string>>> HashAsync(string[] files, CancellationToken cancellationToken)
    {
        var hashes = new List<KeyValuePair<string, string>>(files.Length);
        foreach (var path in files)
        {
            try
            {
                var source = await SourceDocument.ReadAsync(path, cancellationToken);
                if (!source.IsTooLarge) hashes.Add(new(path, source.Sha256));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The loader meets the same file and reports it as unreadable.
            }
        }
        return hashes;
    }

    /// <summary>The file's extract as the load would make it, encoded; null when it is left to the loader.</summary>
    async Task<(string Sha256, byte[] Payload)?> ExtractAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            // Read again: holding a whole batch's bytes between the hash and the extraction would cost memory, not time.
            var source = await SourceDocument.ReadAsync(path, cancellationToken);
            if (source.Bytes is not { } bytes) return null;
            var extract = this.extract(bytes, path);
            extract.Source = path;
            extract.Sha256 = source.Sha256;
            return (source.Sha256, ExtractCodec.Encode(extract));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The loader extracts the file itself and, should the extractor fail there too, rejects it with the reason.
            logger.LogWarning("extract batch: {Path} left to the loader: {Error}", path, e.Message);
            return null;
        }
    }
}
