using System.Collections.Concurrent;
using System.Threading.Channels;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Sources;
using PerfEval.Etl.Stage;

namespace PerfEval.Etl.Pipeline;

/// <summary>What became of one source file.</summary>
internal enum DocumentOutcome { New, Reextracted, Unchanged, Duplicate, Unreadable }

/// <summary>One file's outcome; <paramref name="Error"/> says why an unreadable file could not be read.</summary>
internal readonly record struct ExtractedItem(DocumentOutcome Outcome, StagedDocument? Document, string? Error = null)
{
    /// <summary>The file's size, time and hash when this run read it; null when it was not read (or changed while read).</summary>
    public SourceFileStat? Stat { get; init; }

    /// <summary>Whether the file was known unchanged from its size and last-write time alone, without reading it.</summary>
    public bool NotRead { get; init; }
}

/// <summary>
/// Reads, hashes and extracts source files on every core, streaming results through a bounded
/// channel so only a few files' bytes and extracts are in memory at once, however large the corpus.
/// A file whose bytes were already loaded by this extractor version is hashed but never parsed, and a file
/// whose size and last-write time are those recorded when it was last hashed is not even read (<see cref="SourceFileCache"/>).
/// </summary>
internal static class ExtractionStream
{
    /// <summary>
    /// Decides the files known unchanged from their size and last-write time alone (<see cref="SourceFileCache.IsKnownLoaded"/>),
    /// on every core, and starts the workers on the others. <c>NotRead</c> holds the outcomes of the files not read, in file
    /// order; read <c>Items</c> to the end for the others, or cancel and await <c>Workers</c> to stop early.
    /// </summary>
    /// <remarks><paramref name="stats"/>, when given, are the files' sizes and times taken already (one per file, in order).</remarks>
    public static (IReadOnlyList<ExtractedItem> NotRead, ChannelReader<ExtractedItem> Items, Task Workers) Start(IReadOnlyList<string> files, DocumentCatalog catalog, SourceFileCache fileCache, long runId, RunOptions options, CancellationToken cancellationToken, IReadOnlyList<SourceFileStats.Entry>? stats = null)
    {
        var channel = Channel.CreateBounded<ExtractedItem>(new BoundedChannelOptions(Math.Max(1, options.BatchSize)) { SingleReader = true });
        var claimed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = cancellationToken };
        // A rerun over a large folder finds most files unchanged: deciding those up front, one stat each on every core,
        // spares them the channel and a worker's task each, and counts duplicates among them in file order.
        var knownHashes = stats is not null
            ? fileCache.KnownLoadedHashes(stats, catalog, options.ExtractorVersion)
            : fileCache.KnownLoadedHashes(files, catalog, options.ExtractorVersion, parallel.MaxDegreeOfParallelism, cancellationToken);
        var notRead = new List<ExtractedItem>();
        var toRead = new List<int>(files.Count);
        for (var index = 0; index < files.Count; index++)
        {
            if (knownHashes[index] is { } sha256)
                notRead.Add(new ExtractedItem(claimed.TryAdd(sha256, 0) ? DocumentOutcome.Unchanged : DocumentOutcome.Duplicate, null) { NotRead = true });
            else
                toRead.Add(index);
        }
        var workers = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(toRead, parallel, async (index, ct) =>
                {
                    var item = await ExtractOneAsync(files[index], index, catalog, claimed, runId, options, ct);
                    await channel.Writer.WriteAsync(item, ct);
                });
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);
        return (notRead, channel.Reader, workers);
    }

    static async Task<ExtractedItem> ExtractOneAsync(string path, int index, DocumentCatalog catalog, ConcurrentDictionary<string, byte> claimed, long runId, RunOptions options, CancellationToken ct)
    {
        var fullPath = Path.GetFullPath(path);
        long sizeBefore;
        DateTime lastWriteBefore;
        SourceDocument source;
        var hashedAt = DateTime.UtcNow;
        try
        {
            var info = new FileInfo(fullPath);
            // Size and time before reading (the files known unchanged from them never get here: see Start).
            (sizeBefore, lastWriteBefore) = (info.Length, info.LastWriteTimeUtc);
            source = await SourceDocument.ReadAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without its bytes a file has no identity, so it gets no document row; the run reports it.
            return new ExtractedItem(DocumentOutcome.Unreadable, null, $"{path}: cannot read the file: {e.Message}");
        }
        // Recorded only when the file did not change while it was read (same size and time after as before).
        SourceFileStat? stat = null;
        try
        {
            var after = new FileInfo(fullPath);
            if (after.Length == sizeBefore && after.LastWriteTimeUtc == lastWriteBefore && source.SizeBytes == sizeBefore)
                stat = new SourceFileStat(fullPath, sizeBefore, lastWriteBefore.Ticks, hashedAt.Ticks, source.Sha256);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone or locked since it was read: its hash is not recorded, so the next run reads it again.
        }
        if (!claimed.TryAdd(source.Sha256, 0)) return new ExtractedItem(DocumentOutcome.Duplicate, null) { Stat = stat };
        var known = catalog.TryGet(source.Sha256, out var documentId, out var version);
        if (known && version == options.ExtractorVersion) return new ExtractedItem(DocumentOutcome.Unchanged, null) { Stat = stat };
        ReportExtract extract;
        var preExtracted = options.PreExtracted is { } lookup ? await lookup.FindAsync(source.Sha256, options.ExtractorVersion, ct) : null;
        try
        {
            extract = preExtracted ?? (source.Bytes is { } bytes
                ? options.Extract(bytes, path)
                : ReportExtract.Rejected(path, source.Sha256, TextDecoder.TooLarge(source.SizeBytes)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The extractor promises never to throw; if it does, one document is rejected, not the run.
            extract = ReportExtract.Rejected(path, source.Sha256, $"extractor error: {e.GetType().Name}: {e.Message}");
        }
        extract.Source = path;
        extract.Sha256 = source.Sha256;
        // New ids follow the file order, so a run over the same files always numbers them the same way.
        var id = known ? documentId : catalog.NextDocumentId + index;
        var staged = new StagedDocument(id, runId, source.Sha256, path, source.SizeBytes, options.ExtractorVersion, extract, DateTime.UtcNow);
        return new ExtractedItem(known ? DocumentOutcome.Reextracted : DocumentOutcome.New, staged) { Stat = stat };
    }
}
