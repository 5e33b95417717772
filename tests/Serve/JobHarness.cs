using System.Collections.Concurrent;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using PerfEval.Etl.Pipeline;
using PerfEval.Jobs.Serve;

namespace PerfEval.Tests.Serve;

/// <summary>Hangfire servers on one storage, activating <see cref="NightlyLoadJob"/> the way <c>serve</c> does,
/// with a load that tests can watch (and make fail); plus a throwaway warehouse folder.</summary>
public sealed class JobHarness : IDisposable
{
    readonly List<BackgroundJobServer> servers = [];
    readonly List<ServiceProvider> providers = [];
    readonly string folder = Directory.CreateTempSubdirectory("perfeval-serve-").FullName;

    public JobHarness(JobStorage storage, ILoadRunner? inner = null)
    {
        Storage = storage;
        Runner = new WatchedRunner(inner ?? new PipelineLoadRunner());
    }

    public JobStorage Storage { get; }
    public WatchedRunner Runner { get; }

    /// <summary>The options of a test serve: the seed reports into a fresh warehouse.</summary>
    public ServeOptions Options => new()
    {
        Sources = [Path.Combine(AppContext.BaseDirectory, "samples")],
        Warehouse = Path.Combine(folder, "warehouse.duckdb"),
        Exports = Path.Combine(folder, "exports"),
    };

    /// <summary>
    /// Starts one more server (as a second <c>serve</c> process would) polling the schedule every second, with the jobs
    /// <c>serve</c> registers for <paramref name="serve"/> (default <see cref="Options"/>); <paramref name="configure"/>
    /// replaces services after that (a failing extractor, a shorter wait).
    /// </summary>
    public BackgroundJobServer StartServer(string? name = null, ServeOptions? serve = null, Action<IServiceCollection>? configure = null)
    {
        serve ??= Options;
        var services = new ServiceCollection();
        services.AddLogging();
        ServeHost.AddJobs(services, Storage, Runner, serve);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        var options = new BackgroundJobServerOptions();
        ServeHost.ConfigureServer(options, new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()), serve);
        if (name is not null) options.ServerName = name;
        options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        options.ServerCheckInterval = TimeSpan.FromSeconds(5);
        var server = new BackgroundJobServer(options, Storage);
        servers.Add(server);
        return server;
    }

    public Task<JobOutcome> WaitAsync(string jobId, Action<string, string?>? onState = null) =>
        JobWatcher.WaitAsync(Storage, jobId, onState, TimeSpan.FromMilliseconds(200), new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

    public void Dispose()
    {
        foreach (var server in servers) server.SendStop();
        foreach (var server in servers) server.Dispose();
        foreach (var provider in providers) provider.Dispose();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a straggling writer; the temp folder is cleaned up eventually */ }
    }
}

/// <summary>The load as the job sees it, counted: calls, overlap, summaries, files the load extracted itself; the first
/// <see cref="FailFirst"/> calls throw.</summary>
public sealed class WatchedRunner(ILoadRunner inner) : ILoadRunner
{
    int running;
    int calls;
    int maxRunning;
    int extracted;

    public int FailFirst { get; set; }
    public TimeSpan Delay { get; set; }
    public int Calls => Volatile.Read(ref calls);
    public int MaxRunning => Volatile.Read(ref maxRunning);
    public ConcurrentQueue<RunSummary> Summaries { get; } = new();

    /// <summary>Files the load parsed itself rather than take from <see cref="RunOptions.PreExtracted"/>.</summary>
    public int Extracted => Volatile.Read(ref extracted);

    /// <summary>Runs just before each load, after any fan-out (a test loses spooled extracts here).</summary>
    public Func<Task>? BeforeLoad { get; set; }

    public void ResetCounts() => Interlocked.Exchange(ref extracted, 0);

    public async Task<RunSummary> RunAsync(RunOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref calls);
        var now = Interlocked.Increment(ref running);
        int seen;
        while ((seen = Volatile.Read(ref maxRunning)) < now && Interlocked.CompareExchange(ref maxRunning, now, seen) != seen) { }
        try
        {
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
            if (call <= FailFirst) throw new IOException($"simulated failure of load {call}");
            if (BeforeLoad is not null) await BeforeLoad();
            var extract = options.Extract;
            options = options with
            {
                Extract = (bytes, source) =>
                {
                    Interlocked.Increment(ref extracted);
                    return extract(bytes, source);
                },
            };
            var summary = await inner.RunAsync(options, progress, cancellationToken);
            Summaries.Enqueue(summary);
            return summary;
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }
}
