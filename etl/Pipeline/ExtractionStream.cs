using System.Collections.Concurrent;
using System.Threading.Channels;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Sources;
using PerfEval.Etl.Stage;

namespace PerfEval.Etl.Pipeline;

/// <summary>What became of one source file.</summary>
internal enum DocumentOutcome { New, Reextracted, Unchanged, Duplicate, Unreadable }

/// <summary>One file's outcome; <paramref name="Error"/> says why an unreadable file could not be read.</summary>
internal readonly record struct ExtractedItem(DocumentOutcome Outcome, StagedDocument? Document, string? Error = null);

/// <summary>
/// Reads, hashes and extracts source files on every core, streaming results through a bounded
/// channel so only a few files' bytes and extracts are in memory at once, however large the corpus.
/// A file whose bytes were already loaded by this extractor version is hashed but never parsed.
/// </summary>
internal static class ExtractionStream
{
    /// <summary>Starts the workers; read <c>Items</c> to the end, or cancel and await <c>Workers</c> to stop early.</summary>
    public static (ChannelReader<ExtractedItem> Items, Task Workers) Start(IReadOnlyList<string> files, DocumentCatalog catalog, long runId, RunOptions options, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ExtractedItem>(new BoundedChannelOptions(Math.Max(1, options.BatchSize)) { SingleReader = true });
        var claimed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = cancellationToken };
        var workers = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), parallel, async (index, ct) =>
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
        return (channel.Reader, workers);
    }

    static async Task<ExtractedItem> ExtractOneAsync(string path, int index, DocumentCatalog catalog, ConcurrentDictionary<string, byte> claimed, long runId, RunOptions options, CancellationToken ct)
    {
        SourceDocument source;
        try
        {
            source = await SourceDocument.ReadAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without its bytes a file has no identity, so it gets no document row; the run reports it.
            return new ExtractedItem(DocumentOutcome.Unreadable, null, $"{path}: cannot read the file: {e.Message}");
        }
        if (!claimed.TryAdd(source.Sha256, 0)) return new ExtractedItem(DocumentOutcome.Duplicate, null);
        var known = catalog.TryGet(source.Sha256, out var documentId, out var version);
        if (known && version == options.ExtractorVersion) return new ExtractedItem(DocumentOutcome.Unchanged, null);
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
        return new ExtractedItem(known ? DocumentOutcome.Reextracted : DocumentOutcome.New, staged);
    }
}
