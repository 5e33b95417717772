using System.Diagnostics;
using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Check;
using PerfEval.Etl.Export;
using PerfEval.Etl.Report;
using PerfEval.Etl.Sources;
using PerfEval.Etl.Stage;
using PerfEval.Etl.Transform;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Pipeline;

/// <summary>
/// One whole load: pull → extract → stage → transform → check, in one DuckDB transaction that
/// commits whole or leaves the warehouse as it was. Safe to run again: unchanged documents are skipped.
/// </summary>
public static class LoadPipeline
{
    /// <summary>
    /// Runs a load and returns its summary; on failure records a failed run in <c>etl_run</c> and rethrows.
    /// When <see cref="RunOptions.ExportsPath"/> is set, the load also writes the briefing pack there, from its private
    /// working copy: after a full build, beside the checks and the publish's checkpoint; after an incremental build, once
    /// the load has committed, beside the publish's checkpoint. It is moved into place once the copy is published. A pack that cannot
    /// be written leaves the load published and says so in <see cref="RunSummary.ExportError"/>. An incremental build on
    /// several connections runs the checks beside the reports' build (<see cref="ChecksStep"/>).
    /// </summary>
    public static Task<RunSummary> RunAsync(RunOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return LoadAsync(options, progress, cancellationToken);
    }

    static async Task<RunSummary> LoadAsync(RunOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var missing = options.Sources.Where(s => !File.Exists(s) && !Directory.Exists(s)).ToList();
        if (missing.Count > 0) throw new DirectoryNotFoundException($"no such source folder or file: {string.Join(", ", missing)}");

        var clock = Stopwatch.StartNew();
        var startedAt = DateTime.UtcNow;
        var warehouse = new WarehouseFile(options.WarehousePath);
        using var loadLock = await warehouse.AcquireLoadLockAsync(options.LockTimeout, progress, cancellationToken);
        // The source folders are listed, and their files stat'ed, on other threads while the working copy is made and
        // opened: on a rerun over 20,000 mostly unchanged files both take about as long (BENCHMARKS.md). A first load (no
        // warehouse yet) and --rehash read every file, so they need no stats.
        var statFiles = warehouse.Exists && !options.Rehash;
        var listing = Task.Run(() =>
        {
            var found = FolderSource.Expand(options.Sources);
            return (Files: found, Stats: statFiles ? SourceFileStats.Of(found, options.MaxDegreeOfParallelism, cancellationToken) : null);
        }, cancellationToken);
        // Readers keep the published snapshot; this run writes a private copy and publishes it at the end.
        await using var load = await BeginLoadObservingAsync(warehouse, loadLock, options, listing, cancellationToken);
        var connection = load.Connection;
        await WarehouseSchema.EnsureAsync(connection);
        var runId = await RunHistory.NextRunIdAsync(connection);
        // The catalogues of the documents and files already loaded, read while the listing goes on.
        var catalog = await DocumentCatalog.LoadAsync(connection);
        var fileCache = options.Rehash ? SourceFileCache.None : await SourceFileCache.LoadAsync(connection);
        var (files, stats) = await listing;
        var filesSeen = files.Count;
        progress?.Report($"run {runId}: {files.Count} files in {string.Join(", ", options.Sources)} → {warehouse.Path}");

        var committed = false;
        var built = false;
        var collected = Task.CompletedTask;
        var pack = new PackStep(options.ExportsPath);
        var checks = new ChecksStep(load, runId, cancellationToken);
        // Staging commits to the private working copy as it goes (see StageAsync): from here on, a failure discards it.
        var stagedInWorkingCopy = true;
        await connection.ExecuteAsync("begin transaction");
        try
        {
            var staged = await StageAsync(load, runId, files, stats, catalog, fileCache, options, progress, cancellationToken);
            // Let go of the catalogues and the listing (this method's state machine would keep them, and the listing's task
            // its result), so the collection below reclaims them: at 40,000 reports the listing kept 7 MB live through the build.
            catalog = null;
            fileCache = null;
            files = null;
            stats = null;
            listing = null;
            // Committed to the private working copy only (readers see nothing until the publish), then checkpointed:
            // DuckDB can then drop the staged rows from memory and read them back from the file, instead of holding
            // the whole uncommitted load in memory or spilling it. A failure from here on discards the working copy.
            // A few hundred staged documents (a nightly rerun) hold little memory: the checkpoint at the publish writes them.
            await connection.ExecuteAsync("commit");
            if (staged.New + staged.Reextracted >= DocumentsPerCheckpoint)
            {
                await connection.ExecuteAsync("checkpoint");
                load.ReleaseFreedPages();
            }
            if (staged.New + staged.Reextracted > 0)
            {
                // Extraction is over, and with it the catalogues of every known file and document: give that memory back
                // to the system before DuckDB's transform and checkpoint need theirs, instead of keeping a heap as large
                // as staging left it. The peak of a load then is DuckDB's capped pool and little more, at any size.
                // When StageAsync ended on this thread it ran this method on from there: its frames, which reference the
                // listing and the catalogues, are then still on the stack below, and a collection finds them alive. So
                // this method first goes on on another thread, and the stack unwinds: at 40,000 reports the collection
                // then leaves 1–3 MB instead of 33 MB, which stayed through the build (BENCHMARKS.md).
                await Task.Yield();
                // On another thread: DuckDB goes on meanwhile (a thread in a native call is not stopped by the collection).
                collected = Task.Run(() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true), CancellationToken.None);
            }
            var builtFrom = await connection.ExecuteScalarAsync<string?>("select value from etl_state where key = 'models'");
            // Only new documents on tables these same models built: their rows are added, not every row rebuilt.
            var updates = staged.Reextracted == 0 && builtFrom == ModelRunner.Fingerprint && !options.FullRebuild;
            var sideBySide = updates && staged.New > 0 && options.MaxDegreeOfParallelism > 1;
            await load.FitThreadsToDataAsync(sideBySide: sideBySide ? options.MaxDegreeOfParallelism : 1);
            await connection.ExecuteAsync("begin transaction");
            options.AfterStage?.Invoke("staged");

            int findings;
            if (staged.New == 0 && staged.Reextracted == 0 && builtFrom == ModelRunner.Fingerprint)
            {
                // Nothing staged and the same models: rebuilding would give the same tables and findings.
                findings = (int)await connection.ExecuteScalarAsync<long>("select count(*) from dq_finding");
                progress?.Report("transform: nothing new; the tables and checks of the last run stand");
            }
            else
            {
                // Only a re-extracted document has rows of an older run to drop (a new one has a new id).
                if (staged.Reextracted > 0)
                    foreach (var table in WarehouseSchema.StagingTables.Where(t => t != "stg_cause"))
                        await connection.ExecuteAsync(SqlResources.Read("sql/load/stg_prune_reextracted.sql").Replace("{{table}}", table, StringComparison.Ordinal), new { run_id = runId });
                // The taxonomy is part of the models' fingerprint: the last build with this fingerprint staged the same one.
                if (builtFrom != ModelRunner.Fingerprint) await CauseTaxonomy.StageAsync(connection);
                var checkpoint = await load.CheckpointsForBuildAsync(options.BuildCheckpointBytes);
                if (updates)
                    await ModelRunner.UpdateAsync(connection, runId, progress, checkpoint,
                        // One connection per core: with one DuckDB thread per query, one connection leaves the other cores idle.
                        // The checks, once every table they read is built (and committed), beside the reports' build. The
                        // pack waits for the load's last commit (below).
                        sideBySide ? new SideConnections(load.OpenReader, options.MaxDegreeOfParallelism - 1, checks.Built) : null,
                        cancellationToken);
                else
                    await ModelRunner.RunAsync(connection, progress, checkpoint, cancellationToken);
                options.AfterStage?.Invoke("transformed");
                await collected;
                // A build on one connection (a full build) ran no checks yet. The pack reads only the reports, which are built
                // now: committed to the private working copy (a failure from here on still discards it), they are written
                // into the pack beside the checks and the publish.
                if (!checks.Started && options.ExportsPath is not null)
                {
                    await connection.ExecuteAsync("commit");
                    await pack.StartAsync(load);
                    await connection.ExecuteAsync("begin transaction");
                }
                built = true;

                findings = await checks.FindingsAsync(connection, progress);
                options.AfterStage?.Invoke("checked");
                await connection.ExecuteAsync("insert or replace into etl_state values ('models', $fingerprint)", new { fingerprint = ModelRunner.Fingerprint });
                // Unique to this build, even when a deleted warehouse is loaded again from run 1.
                await connection.ExecuteAsync("insert or replace into etl_state values ('built_by', $build)",
                    new { build = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"run {runId} build {Guid.NewGuid():N}") });
            }
            var builtBy = await connection.ExecuteScalarAsync<string?>("select value from etl_state where key = 'built_by'");

            var summary = staged.ToSummary(runId, startedAt, clock.Elapsed, findings, await CountRowsAsync(connection));
            summary.DataStamp = builtBy is null ? null : $"{builtBy} models {ModelRunner.Fingerprint}";
            await RunHistory.RecordAsync(connection, summary, options.Sources, options.ExtractorVersion);
            progress?.Report($"commit: run {runId}");
            await connection.ExecuteAsync("commit");
            committed = true;
            options.AfterStage?.Invoke("committed");
            // The pack of an incremental build (a full build's started before its checks): nothing is committed after it
            // starts, so the publish's checkpoint can run beside it. DuckDB refuses a plain checkpoint while a transaction
            // that began before another's commit still reads, and the publish then waits for the pack. (Files started
            // during the build, as the per-document reports' once were, still ran when the build got faster: every
            // publish then waited; BENCHMARKS.md.)
            if (built) await pack.StartAsync(load);
            pack.Settle(summary);
            await load.PublishAsync(pack.Writes ? () => pack.WriteAsync(load) : null, CancellationToken.None);
            progress?.Report($"publish: {warehouse.Path} holds run {runId}");
            pack.Finish(progress);
            return summary;
        }
        catch (Exception) when (committed)
        {
            // Publishing failed: the working copy is discarded and the published snapshot stays as it was (and so
            // does the pack in the exports folder: the files written beside it are deleted).
            await checks.DiscardAsync();
            await pack.DiscardAsync();
            throw;
        }
        catch (Exception e)
        {
            // The checks' and the pack's connections are to the working copy: they are done before it is discarded.
            await checks.DiscardAsync();
            await pack.DiscardAsync();
            await RollbackQuietlyAsync(connection);
            var status = e is OperationCanceledException ? "cancelled" : RunSummary.Failed;
            var failed = new RunSummary { RunId = runId, Status = status, StartedAt = startedAt, Duration = clock.Elapsed, DocumentsSeen = filesSeen, Error = e.Message };
            if (stagedInWorkingCopy)
            {
                // The working copy holds this run's staged rows: drop it and record the failure on a fresh copy of the published snapshot.
                await load.DisposeAsync();
                await RecordFailureOnFreshCopyQuietlyAsync(warehouse, loadLock, failed, options);
            }
            else
            {
                await RecordFailureQuietlyAsync(load, failed, options);
            }
            throw;
        }
    }

    static async Task RecordFailureOnFreshCopyQuietlyAsync(WarehouseFile warehouse, LoadLock loadLock, RunSummary failed, RunOptions options)
    {
        try
        {
            await using var fresh = await warehouse.BeginLoadAsync(loadLock, options.DuckDbMemoryLimit, CancellationToken.None);
            await WarehouseSchema.EnsureAsync(fresh.Connection);
            await RecordFailureQuietlyAsync(fresh, failed, options);
        }
        catch (Exception)
        {
            // As below: the original error matters more than a missing history row.
        }
    }

    /// <summary>Publishes the snapshot as it was plus one <c>etl_run</c> row that says why this run failed.</summary>
    static async Task RecordFailureQuietlyAsync(WarehouseLoad load, RunSummary failed, RunOptions options)
    {
        try
        {
            await RunHistory.RecordAsync(load.Connection, failed, options.Sources, options.ExtractorVersion);
            await load.PublishAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // The original error matters more than a missing history row; the working copy is discarded.
        }
    }

    /// <summary>
    /// The briefing pack of one load: after a build, written from the working copy once its reports are built and committed
    /// (<see cref="StartAsync"/>), beside the publish's checkpoint; without a build, kept when it was written from the same data,
    /// else written beside the publish (<see cref="WriteAsync"/>).
    /// </summary>
    sealed class PackStep(string? folder)
    {
        RunSummary? summary;
        IReadOnlyList<string>? current;
        Task<StagedPack>? writing;
        StagedPack? staged;

        /// <summary>
        /// Starts writing every file of the pack beside its place, on threads of its own, from what the load has committed
        /// (once). Its files are written side by side, so from here on each query gets its share of the cores
        /// (<see cref="WarehouseLoad.FitThreadsToDataAsync"/>): the checks and the checkpoint beside them too.
        /// </summary>
        public async Task StartAsync(WarehouseLoad load)
        {
            if (folder is null || writing is not null) return;
            await load.FitThreadsToDataAsync(sideBySide: BriefingPack.Workers);
            writing = Task.Run(() => BriefingPack.Stage(load.OpenReader, folder, ComparisonFilter.None), CancellationToken.None);
        }

        /// <summary>Before the publish: what the pack is written from. Without a build, the pack there may already be it.</summary>
        public void Settle(RunSummary summary)
        {
            this.summary = summary;
            // Same data as when the pack there was written, and every file as it was written: rewriting gives the same bytes.
            if (writing is null && folder is not null && summary.DataStamp is { } stamp) current = BriefingPack.Current(folder, stamp);
        }

        public bool Writes => folder is not null && current is null;

        /// <summary>Beside the checkpoint of the publish: ends the pack that <see cref="StartAsync"/> began, or writes it.</summary>
        public async Task WriteAsync(WarehouseLoad load)
        {
            writing ??= Task.Run(() => BriefingPack.Stage(load.OpenReader, folder!, ComparisonFilter.None), CancellationToken.None);
            try
            {
                staged = await writing;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever went wrong with the pack, the load itself is committed and gets published; no part of the pack
                // is (Stage deleted the files it had written).
                summary!.ExportError = e.Message;
            }
        }

        /// <summary>After the publish: moves the written pack into place and stamps it, or reports the pack kept.</summary>
        public void Finish(IProgress<string>? progress)
        {
            if (folder is null || summary is null) return;
            if (current is not null)
            {
                summary.ExportedFiles = current;
                progress?.Report($"export: the pack in {Path.GetFullPath(folder)} was written from this data; kept as it is");
                return;
            }
            if (staged is null) return; // ExportError says why
            try
            {
                summary.ExportedFiles = staged.Promote();
                if (summary.DataStamp is { } stamp) BriefingPack.Stamp(folder, stamp, summary.ExportedFiles);
                progress?.Report($"export: {summary.ExportedFiles.Count} CSV files in {Path.GetFullPath(folder)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                summary.ExportError = e.Message;
            }
        }

        /// <summary>When the load fails: waits for a pack being written, then deletes the files written beside their places.</summary>
        public async Task DiscardAsync()
        {
            if (writing is not null && staged is null)
            {
                try { (await writing).Discard(); }
                catch (Exception) { /* the load's own error is the one to report; Stage deleted its files */ }
            }
            staged?.Discard();
        }
    }

    /// <summary>
    /// The data checks of one load. A build on several connections starts them on a connection of their own, in a
    /// transaction of their own, as soon as it has built (and committed) every <c>dim_</c> and <c>fct_</c> table, so they
    /// run beside the reports' build (<see cref="Built"/>): no check reads a report (<see cref="CheckRunner.ReadNoReport"/>).
    /// Otherwise they run after the build, on the load's connection (<see cref="FindingsAsync"/>).
    /// </summary>
    sealed class ChecksStep(WarehouseLoad load, long runId, CancellationToken cancellationToken)
    {
        static readonly bool ReadNoReport = CheckRunner.ReadNoReport(ModelRunner.Models);
        readonly HashSet<string> built = new(StringComparer.Ordinal);
        Task<int>? running;

        public bool Started => running is not null;

        /// <summary>After each phase of a build on several connections, with the models it built: starts the checks once every table is built.</summary>
        public void Built(IReadOnlyList<Model> models)
        {
            if (running is not null || !ReadNoReport) return;
            built.UnionWith(models.Select(m => m.Name));
            if (ModelRunner.Tables.All(built.Contains)) running = Task.Run(RunAsync, CancellationToken.None);
        }

        async Task<int> RunAsync()
        {
            await using var connection = load.OpenReader();
            await connection.ExecuteAsync("begin transaction");
            var findings = await CheckRunner.RunAsync(connection, runId, null, cancellationToken);
            await connection.ExecuteAsync("commit");
            return findings;
        }

        /// <summary>After the build: the findings of the checks it started, or of the checks run now on <paramref name="connection"/>.</summary>
        public async Task<int> FindingsAsync(DuckDBConnection connection, IProgress<string>? progress)
        {
            var findings = running is not null ? await running : await CheckRunner.RunAsync(connection, runId, null, cancellationToken);
            progress?.Report(CheckRunner.Describe(findings));
            return findings;
        }

        /// <summary>When the load fails: waits for checks still running on the working copy, whatever their outcome.</summary>
        public async Task DiscardAsync()
        {
            if (running is null) return;
            try { await running; }
            catch (Exception) { /* the load's own error is the one to report */ }
        }
    }

    /// <summary>Staged documents between two commits and checkpoints of the working copy during staging.</summary>
    const int DocumentsPerCheckpoint = 5000;

    /// <summary>Starts the load; when that fails, waits for <paramref name="listing"/> to end first, so no listing outlives the run.</summary>
    static async Task<WarehouseLoad> BeginLoadObservingAsync(WarehouseFile warehouse, LoadLock loadLock, RunOptions options, Task listing, CancellationToken cancellationToken)
    {
        try
        {
            return await warehouse.BeginLoadAsync(loadLock, options.DuckDbMemoryLimit, cancellationToken);
        }
        catch
        {
            try { await listing; } catch (Exception) { /* the load's own error is the one to report */ }
            throw;
        }
    }

    static async Task<StageCounts> StageAsync(WarehouseLoad load, long runId, IReadOnlyList<string> files, IReadOnlyList<SourceFileStats.Entry>? stats, DocumentCatalog catalog, SourceFileCache fileCache, RunOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var connection = load.Connection;
        var hashed = new List<SourceFileStat>();
        var counts = new StageCounts();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (notRead, reader, workers) = ExtractionStream.Start(files, catalog, fileCache, runId, options, stop.Token, stats);
        var writer = new StagingWriter(connection);
        try
        {
            foreach (var item in notRead) counts.Add(item);
            var processed = notRead.Count;
            if (processed > 0) progress?.Report($"extract: {processed}/{files.Count} files unchanged since they were last hashed (not read)");
            var staged = 0;
            // Checkpoints counted in staged documents, not files: a rerun that stages a few changed files among
            // thousands of unchanged ones flushes and checkpoints nothing on the way.
            var checkpointEvery = Math.Max(options.BatchSize, DocumentsPerCheckpoint / options.BatchSize * options.BatchSize);
            await foreach (var item in reader.ReadAllAsync(cancellationToken))
            {
                counts.Add(item);
                if (item.Stat is { } stat) hashed.Add(stat);
                if (item.Document is not null)
                {
                    writer.Append(item.Document);
                    if (++staged % options.BatchSize == 0)
                    {
                        // Flush the batch so appender buffers stay small on a large corpus.
                        writer.Close();
                        writer.Dispose();
                        if (staged % checkpointEvery == 0)
                        {
                            // Commit and checkpoint what is staged so far in the private working copy (readers never see it;
                            // a failed load discards the copy): DuckDB can then drop it from memory, so staging needs the
                            // same memory for 40,000 reports as for 20,000.
                            await connection.ExecuteAsync("commit");
                            await connection.ExecuteAsync("checkpoint");
                            load.ReleaseFreedPages();
                            await connection.ExecuteAsync("begin transaction");
                        }
                        writer = new StagingWriter(connection);
                    }
                }
                if (++processed % options.BatchSize == 0)
                    progress?.Report($"extract: {processed}/{files.Count} files ({counts.New} new, {counts.Unchanged} unchanged, {counts.Rejected} rejected)");
            }
            writer.Close();
            await SourceFileCache.SaveAsync(connection, hashed);
        }
        catch
        {
            await stop.CancelAsync();
            await workers; // they complete the channel with the cancellation rather than throw
            throw;
        }
        finally
        {
            writer.Dispose();
        }
        progress?.Report($"stage: {counts.New + counts.Reextracted} documents staged ({counts.New} new, {counts.Reextracted} re-extracted, {counts.Unchanged} unchanged, {counts.Rejected} rejected); "
            + $"{counts.NotRead} files not read (same size and last-write time as when last hashed){(options.Rehash ? " (--rehash: every file read)" : "")}");
        return counts;
    }

    static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(DuckDBConnection connection)
    {
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in ModelRunner.Tables.Append("dq_finding"))
            rows[table] = await connection.ExecuteScalarAsync<long>($"select count(*) from {table}");
        return rows;
    }

    static async Task RollbackQuietlyAsync(DuckDBConnection connection)
    {
        try { await connection.ExecuteAsync("rollback"); }
        catch (Exception) { /* no transaction open, or the connection is gone: nothing was committed either way */ }
    }
}
