using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfEval.Etl.Extract;
using PerfEval.Jobs.Serve;
using PerfEval.Jobs.Serve.FanOut;

namespace PerfEval.Tests.Serve;

/// <summary>One extraction batch as the job history tells it: its state, the server that ran it, its result.</summary>
public sealed record BatchRecord(long JobId, string State, string? Server, string? Result);

/// <summary>
/// Servers on one fresh PostgreSQL database that fan <c>nightly-load</c> out over <see cref="FanOutCorpus"/>, as
/// <c>serve --extract-batch-size</c> does, each with an extractor that counts (and can be made to fail). Queues are
/// polled every 200 ms instead of 5 s, so a test need not wait for an idle server to notice the batches.
/// </summary>
public sealed class FanOutRig : IDisposable
{
    readonly ConcurrentDictionary<string, int> extracted = new(StringComparer.Ordinal);
    bool registered;

    public FanOutRig(PostgresServer postgres, FanOutCorpus corpus, int batchSize, TimeSpan? wait = null)
    {
        // Pooled, as Npgsql's default is in production: the spool takes a connection per file, Hangfire one per job it enqueues.
        ConnectionString = new NpgsqlConnectionStringBuilder(postgres.CreateDatabase()) { Pooling = true }.ConnectionString;
        Storage = CreateStorage(ConnectionString);
        Harness = new JobHarness(Storage);
        Serve = Harness.Options with { Storage = StorageKind.Postgres, Postgres = ConnectionString, Sources = corpus.Sources, ExtractBatchSize = batchSize };
        Settings = new FanOutSettings(batchSize) { Wait = wait ?? TimeSpan.FromMinutes(1), PollInterval = TimeSpan.FromMilliseconds(200) };
        Spool = ExtractSpool.Create(ConnectionString);
    }

    public string ConnectionString { get; }
    public JobStorage Storage { get; }
    public JobHarness Harness { get; }
    public ServeOptions Serve { get; }
    public FanOutSettings Settings { get; }
    public ExtractSpool Spool { get; }

    /// <summary>Files each server's batches extracted, by server name.</summary>
    public IReadOnlyDictionary<string, int> Extracted => extracted;

    public static JobStorage CreateStorage(string connectionString)
    {
        ServeStorage.ConfigureSerialization();
        var options = ServeStorage.PostgresOptions();
        options.QueuePollInterval = TimeSpan.FromMilliseconds(200);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>Starts a server named <paramref name="name"/> whose batches extract with <paramref name="extract"/> (default: the real extractor), counted.</summary>
    public void Start(string name, BatchExtractor? extract = null, ServeOptions? serve = null)
    {
        extract ??= (bytes, source) => Extractor.Extract(bytes, source);
        extracted[name] = 0;
        Harness.StartServer(name, serve ?? Serve, services =>
        {
            services.AddSingleton(Settings);
            services.AddSingleton<BatchExtractor>((bytes, source) =>
            {
                extracted.AddOrUpdate(name, 1, (_, n) => n + 1);
                return extract(bytes, source);
            });
        });
    }

    public void ResetCounts()
    {
        foreach (var name in extracted.Keys) extracted[name] = 0;
        Harness.Runner.ResetCounts();
    }

    /// <summary>Waits until <paramref name="count"/> servers have announced themselves, so none misses the first batches.</summary>
    public async Task WaitForServersAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Storage.GetMonitoringApi().Servers().Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{count} servers did not start within 20 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Triggers <c>nightly-load</c> (registered with <see cref="Serve"/> on first use) and waits for its final state.</summary>
    public Task<JobOutcome> RunNightlyAsync()
    {
        if (!registered) NightlySchedule.Register(Storage, Serve);
        registered = true;
        return Harness.WaitAsync(NightlySchedule.Trigger(Storage));
    }

    /// <summary>Every extraction batch so far, oldest first.</summary>
    public List<BatchRecord> Batches()
    {
        var monitoring = Storage.GetMonitoringApi();
        var ids = monitoring.SucceededJobs(0, 10_000).Where(j => j.Value.Job?.Type == typeof(ExtractBatchJob)).Select(j => j.Key)
            .Concat(monitoring.FailedJobs(0, 10_000).Where(j => j.Value.Job?.Type == typeof(ExtractBatchJob)).Select(j => j.Key))
            .Concat(monitoring.DeletedJobs(0, 10_000).Where(j => j.Value.Job?.Type == typeof(ExtractBatchJob)).Select(j => j.Key));
        return ids.Select(id =>
        {
            var details = monitoring.JobDetails(id);
            var history = details.History; // newest first
            var processing = history.LastOrDefault(h => h.StateName == ProcessingState.StateName);
            var server = processing?.Data.TryGetValue("ServerId", out var serverId) == true ? serverId.Split(':')[0] : null;
            string? result = null;
            history.FirstOrDefault(h => h.StateName == SucceededState.StateName)?.Data.TryGetValue("Result", out result);
            return new BatchRecord(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), history[0].StateName, server, result);
        }).OrderBy(b => b.JobId).ToList();
    }

    public void Dispose()
    {
        Harness.Dispose();
        Spool.Dispose();
    }
}
