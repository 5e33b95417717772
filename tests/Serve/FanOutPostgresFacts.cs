using System.Diagnostics;
using Dapper;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Npgsql;
using PerfEval.Etl.Extract;
using PerfEval.Jobs.Serve;
using PerfEval.Jobs.Serve.FanOut;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Serve;

/// <summary>
/// <c>nightly-load</c> with its extraction fanned out (issue 7): two Hangfire servers on one PostgreSQL share the
/// extraction batches, one load writes the warehouse, and the result is exactly what a plain load of the same files
/// makes, also when batches fail, lose their extracts or never finish.
/// </summary>
[Collection(PostgresServerGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class FanOutPostgresFacts(PostgresServer postgres, FanOutCorpus corpus) : IClassFixture<FanOutCorpus>
{
    /// <summary>205 files in 26 batches: a dozen or so for each server.</summary>
    const int BatchSize = 8;

    int Batches => (corpus.Files.Count + BatchSize - 1) / BatchSize;

    [SkippableFact]
    public async Task NightlyLoad_FannedOutToTwoServers_LoadsWhatAPlainLoadLoads()
    {
        using var rig = new FanOutRig(postgres, corpus, BatchSize);
        rig.Start("fanout-a");
        rig.Start("fanout-b");
        await rig.WaitForServersAsync(2);

        var outcome = await rig.RunNightlyAsync();

        outcome.State.ShouldBe(SucceededState.StateName, outcome.Error);
        var batches = rig.Batches();
        batches.Count.ShouldBe(Batches);
        batches.ShouldAllBe(b => b.State == SucceededState.StateName);
        batches.Select(b => b.Server ?? "").Distinct().Order(StringComparer.Ordinal).ToList().ShouldBe(["fanout-a", "fanout-b"], "both servers ran batches");
        // Once per document; two files with the same bytes in batches that run at the same time may both be extracted.
        rig.Extracted.Values.Sum().ShouldBeInRange(corpus.Documents, corpus.Files.Count);
        rig.Harness.Runner.Extracted.ShouldBe(0, "the load took every extract from the spool");
        var summary = rig.Harness.Runner.Summaries.ShouldHaveSingleItem();
        summary.DocumentsNew.ShouldBe(corpus.ExpectedSummary.DocumentsNew);
        summary.DocumentsRejected.ShouldBe(corpus.ExpectedSummary.DocumentsRejected);
        WarehouseRows.Read(rig.Serve.Warehouse).ShouldEqual(corpus.Expected, "fanned out vs. a plain load");
        (await rig.Spool.CountAsync(default)).ShouldBe(0, "the load deletes the extracts it staged");
    }

    [SkippableFact]
    public async Task NightlyLoad_FannedOutAgainWithNothingNew_ExtractsNothingAndChangesNothing()
    {
        using var rig = new FanOutRig(postgres, corpus, BatchSize);
        // Written well before they are hashed, so their times can be trusted (a file written in the hashing's
        // second is read again by the next run, and would get a batch again).
        var anHourAgo = DateTime.UtcNow.AddHours(-1);
        foreach (var file in corpus.Files) File.SetLastWriteTimeUtc(file, anHourAgo);
        rig.Start("fanout-a");
        rig.Start("fanout-b");
        await rig.WaitForServersAsync(2);
        (await rig.RunNightlyAsync()).State.ShouldBe(SucceededState.StateName);
        var before = WarehouseRows.Read(rig.Serve.Warehouse);
        var firstBatches = rig.Batches().Count;
        rig.ResetCounts();

        // Same files, same times: the load will not even read them, so no batch is made.
        (await rig.RunNightlyAsync()).State.ShouldBe(SucceededState.StateName);
        rig.Batches().Count.ShouldBe(firstBatches, "files known unchanged by size and time get no batch");
        rig.Harness.Runner.Extracted.ShouldBe(0);
        WarehouseRows.Read(rig.Serve.Warehouse).ShouldEqual(before, "a second run over the same files");

        // Same bytes, new times (a copy that does not keep times): every file gets a batch, which finds it loaded.
        foreach (var file in corpus.Files) File.SetLastWriteTimeUtc(file, anHourAgo.AddMinutes(1));
        var outcome = await rig.RunNightlyAsync();

        outcome.State.ShouldBe(SucceededState.StateName, outcome.Error);
        var second = rig.Batches().Skip(firstBatches).ToList();
        second.Count.ShouldBe(Batches);
        second.ShouldAllBe(b => b.State == SucceededState.StateName && b.Result != null && b.Result.Contains(" 0 extracted", StringComparison.Ordinal));
        rig.Extracted.Values.Sum().ShouldBe(0, "every batch skips every file: the warehouse has them all");
        rig.Harness.Runner.Extracted.ShouldBe(0);
        var summary = rig.Harness.Runner.Summaries.Last();
        summary.DocumentsNew.ShouldBe(0);
        summary.DocumentsUnchanged.ShouldBe(corpus.ExpectedSummary.DocumentsSeen);
        WarehouseRows.Read(rig.Serve.Warehouse).ShouldEqual(before, "a third run over the same bytes");
        (await rig.Spool.CountAsync(default)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task NightlyLoad_WhenBatchesCannotExtractSomeFiles_TheLoadExtractsThemItself()
    {
        // Every seventh file crashes the batches' extractor, on both servers; the load's own extractor is sound.
        var failing = corpus.Files.Where((_, i) => i % 7 == 0).ToHashSet(StringComparer.Ordinal);
        BatchExtractor crashing = (bytes, source) => failing.Contains(source)
            ? throw new InvalidOperationException("simulated extractor crash")
            : Extractor.Extract(bytes, source);
        using var rig = new FanOutRig(postgres, corpus, BatchSize);
        rig.Start("fanout-a", crashing);
        rig.Start("fanout-b", crashing);
        await rig.WaitForServersAsync(2);

        var outcome = await rig.RunNightlyAsync();

        outcome.State.ShouldBe(SucceededState.StateName, outcome.Error);
        rig.Batches().ShouldAllBe(b => b.State == SucceededState.StateName, "a bad file never fails its batch");
        rig.Harness.Runner.Extracted.ShouldBe(failing.Count);
        WarehouseRows.Read(rig.Serve.Warehouse).ShouldEqual(corpus.Expected, "batches that left files to the load");
        (await rig.Spool.CountAsync(default)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task NightlyLoad_WhenSpooledExtractsAreLost_TheLoadExtractsThoseFilesItself()
    {
        using var rig = new FanOutRig(postgres, corpus, BatchSize);
        var lost = 0;
        rig.Harness.Runner.BeforeLoad = async () =>
        {
            await using var connection = new NpgsqlConnection(rig.ConnectionString);
            lost = await connection.ExecuteAsync("delete from perfeval.spooled_extract where sha256 < '8'");
        };
        rig.Start("fanout-a");
        rig.Start("fanout-b");
        await rig.WaitForServersAsync(2);

        var outcome = await rig.RunNightlyAsync();

        outcome.State.ShouldBe(SucceededState.StateName, outcome.Error);
        lost.ShouldBeGreaterThan(corpus.Documents / 4);
        rig.Harness.Runner.Extracted.ShouldBe(lost);
        WarehouseRows.Read(rig.Serve.Warehouse).ShouldEqual(corpus.Expected, "half the spool lost before the load");
        (await rig.Spool.CountAsync(default)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task NightlyLoad_WhenABatchNeverFinishes_LoadsAfterTheWaitWithoutIt()
    {
        using var stuck = new ManualResetEventSlim();
        var first = corpus.Files[0];
        BatchExtractor hanging = (bytes, source) =>
        {
            if (source == first) stuck.Wait(TimeSpan.FromMinutes(1));
            return Extractor.Extract(bytes, source);
        };
        using var rig = new FanOutRig(postgres, corpus, BatchSize, wait: TimeSpan.FromSeconds(3));
        try
        {
            rig.Start("fanout-a", hanging);
            rig.Start("fanout-b", hanging);
            await rig.WaitForServersAsync(2);
            var clock = Stopwatch.StartNew();

            var outcome = await rig.RunNightlyAsync();

            outcome.State.ShouldBe(SucceededState.StateName, outcome.Error);
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
            var batches = rig.Batches();
            batches[0].State.ShouldBe(DeletedState.StateName, "the batch still running after the wait is deleted");
            batches.Skip(1).ShouldAllBe(b => b.State == SucceededState.StateName);
            rig.Harness.Runner.Extracted.ShouldBe(BatchSize, "the load extracts the unfinished batch's files");
            WarehouseRows.Read(rig.Serve.Warehouse).ShouldEqual(corpus.Expected, "a batch that never finished");
        }
        finally
        {
            stuck.Set(); // let the stuck worker go, so the servers can stop
        }
    }

    [SkippableFact]
    public async Task ServeOnce_FanningOutWithAServerInAnotherProcess_BothExtract()
    {
        // The coordinator and only writer is a real `perfeval serve --once` process; this process runs a second server.
        using var rig = new FanOutRig(postgres, corpus, BatchSize);
        rig.Start("fanout-worker", serve: rig.Serve with { ExtractOnly = true, ExtractBatchSize = 0 });
        await rig.WaitForServersAsync(1);

        var (exitCode, output, error) = await PerfEvalProcess.RunAsync(
        [
            "serve", "--storage", "postgres", "--postgres", rig.ConnectionString, "--once", "--extract-batch-size", $"{BatchSize}",
            "--source", corpus.Sources[0], "--source", corpus.Sources[1], "--warehouse", rig.Serve.Warehouse, "--exports", rig.Serve.Exports,
        ], TimeSpan.FromSeconds(90));

        exitCode.ShouldBe(0, error + output);
        output.ShouldContain($"fan-out: all {Batches} batches succeeded");
        var servers = rig.Batches().Select(b => b.Server ?? "").Distinct().Order(StringComparer.Ordinal).ToList();
        servers.ShouldBe(["fanout-worker", $"perfeval-{Environment.MachineName}".ToLowerInvariant()], ignoreOrder: true);
        rig.Extracted["fanout-worker"].ShouldBeGreaterThan(0);
        WarehouseRows.Read(rig.Serve.Warehouse).ShouldEqual(corpus.Expected, "fanned out over two processes");
        (await rig.Spool.CountAsync(default)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task ServeExtractOnly_InAnotherProcess_RunsBatchesButNoScheduleAndStopsOnSigterm()
    {
        using var rig = new FanOutRig(postgres, corpus, BatchSize);
        using var worker = PerfEvalProcess.Start(["serve", "--storage", "postgres", "--postgres", rig.ConnectionString, "--extract-only"]);
        await rig.WaitForServersAsync(1);
        var server = rig.Storage.GetMonitoringApi().Servers().ShouldHaveSingleItem();
        server.Queues.ShouldBe([ExtractBatchJob.QueueName]);
        server.Name.ShouldStartWith($"perfeval-extract-{Environment.MachineName}".ToLowerInvariant());
        using (var connection = rig.Storage.GetConnection()) connection.GetRecurringJobs().ShouldBeEmpty();
        await rig.Spool.InstallAsync(default);
        var files = corpus.Files.Skip(8).Take(BatchSize).ToArray();

        var jobId = new BackgroundJobClient(rig.Storage).Enqueue<ExtractBatchJob>(job => job.RunAsync(1, 1, files, Extractor.Version, CancellationToken.None));
        var outcome = await rig.Harness.WaitAsync(jobId);

        outcome.State.ShouldBe(SucceededState.StateName, outcome.Error);
        outcome.Result.ShouldBe($"{BatchSize} files: {BatchSize} extracted and spooled, 0 already loaded or spooled, 0 left to the loader");
        (await rig.Spool.CountAsync(default)).ShouldBe(BatchSize);
        Process.Start("kill", ["-TERM", $"{worker.Id}"]).WaitForExit();
        (await worker.WaitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, worker.Error);
        worker.Output.ShouldContain("perfeval serve: stopped.");
    }
}
