using Dapper;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Sources;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Jobs.Serve.FanOut;

/// <summary>
/// <c>nightly-load</c> with its extraction fanned out: the new files go to <see cref="ExtractBatchJob"/>s that every
/// server listening on the <c>extract</c> queue takes, the load waits for them (at most <see cref="FanOutSettings.Wait"/>)
/// and then runs as the one writer of the warehouse, taking the spooled extracts and extracting whatever is missing
/// itself. So a failed, lost or late batch makes the load slower, never incomplete; and if the fan-out itself fails,
/// the load runs as if there were none.
/// </summary>
public sealed class ExtractionFanOut(JobStorage storage, ExtractSpool spool, FanOutSettings settings, ILogger<ExtractionFanOut> logger)
{
    /// <summary>Fans out, waits, loads with the spool, and deletes the spooled extracts the committed load took.</summary>
    public async Task<RunSummary> LoadAsync(RunOptions options, ILoadRunner runner, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(progress);
        var version = Extractor.Version;
        try
        {
            await FanOutAsync(options, version, progress, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("fan-out: failed, so the load extracts every new file itself: {Error}", e.Message);
        }

        var lookup = new SpoolLookup(spool, logger);
        var summary = await runner.RunAsync(options with { PreExtracted = lookup }, progress, cancellationToken);
        var used = lookup.Used;
        var staged = summary.DocumentsNew + summary.DocumentsReextracted;
        progress.Report($"fan-out: {used.Count} of {staged} staged documents came from the spool, {staged - used.Count} were extracted by the load");
        if (summary.Status != RunSummary.Succeeded || used.Count == 0) return summary;
        try
        {
            await spool.DeleteAsync(used, version, CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException)
        {
            // Harmless: the next fan-out purges extracts of documents the warehouse holds.
            logger.LogWarning("fan-out: the used extracts stay in the spool until the next run: {Error}", e.Message);
        }
        return summary;
    }

    async Task FanOutAsync(RunOptions options, string version, IProgress<string> progress, CancellationToken cancellationToken)
    {
        await spool.InstallAsync(cancellationToken);
        var loaded = await CopyLoadedDocumentsAsync(new WarehouseFile(options.WarehousePath), cancellationToken);
        await spool.PurgeAsync(version, cancellationToken);
        var all = FolderSource.Expand(options.Sources);
        // Files the load will not even read (same size and time as when it last hashed them) need no batch either.
        var files = await UnchangedFiles.ExcludeAsync(new WarehouseFile(options.WarehousePath), all, version);
        var batches = files.Chunk(settings.BatchSize).ToList();
        var client = new BackgroundJobClient(storage);
        var jobIds = new List<string>(batches.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            var (batch, paths) = (i + 1, batches[i]);
            jobIds.Add(client.Enqueue<ExtractBatchJob>(job => job.RunAsync(batch, batches.Count, paths, version, CancellationToken.None)));
        }
        progress.Report($"fan-out: {files.Count} files in {batches.Count} batches of up to {settings.BatchSize} on queue {ExtractBatchJob.QueueName} "
            + $"({all.Count - files.Count} files unchanged since they were last hashed are left out; {loaded} documents already in the warehouse are skipped)");

        var states = await JobWatcher.WaitForAllAsync(storage, jobIds, settings.Wait, settings.PollInterval, cancellationToken);
        var unfinished = jobIds.Where((_, i) => states[i] is null).ToList();
        // A batch still queued or running would only compete with the load for the cores; deleting it cancels it.
        foreach (var jobId in unfinished) client.Delete(jobId);
        var succeeded = states.Count(s => s == SucceededState.StateName);
        if (succeeded == jobIds.Count)
        {
            progress.Report($"fan-out: all {jobIds.Count} batches succeeded");
            return;
        }
        logger.LogWarning("fan-out: {Succeeded} of {Batches} batches succeeded, {Failed} failed or were deleted, {Unfinished} were unfinished after {Wait} (deleted now); "
            + "the load extracts their files itself", succeeded, jobIds.Count, states.Count(s => s is not null && s != SucceededState.StateName),
            unfinished.Count, settings.Wait);
    }

    /// <summary>Copies the published warehouse's document hashes into the spool's schema, so batches skip them.</summary>
    async Task<int> CopyLoadedDocumentsAsync(WarehouseFile warehouse, CancellationToken cancellationToken)
    {
        if (!warehouse.Exists) return await spool.ReplaceLoadedAsync([], cancellationToken);
        using var connection = warehouse.OpenReadOnly();
        var documents = connection.Query<(string, string)>("select sha256, extractor_version from stg_document", buffered: false);
        return await spool.ReplaceLoadedAsync(documents, cancellationToken);
    }
}
