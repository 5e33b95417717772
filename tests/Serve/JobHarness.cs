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

    /// <summary>Starts one more server (as a second <c>serve</c> process would) polling the schedule every second.</summary>
    public BackgroundJobServer StartServer()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ILoadRunner>(Runner);
        services.AddTransient<NightlyLoadJob>();
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        var options = new BackgroundJobServerOptions();
        ServeHost.ConfigureServer(options, new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
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

/// <summary>The load as the job sees it, counted: calls, overlap, summaries; the first <see cref="FailFirst"/> calls throw.</summary>
public sealed class WatchedRunner(ILoadRunner inner) : ILoadRunner
{
    int running;
    int calls;
    int maxRunning;

    public int FailFirst { get; set; }
    public TimeSpan Delay { get; set; }
    public int Calls => Volatile.Read(ref calls);
    public int MaxRunning => Volatile.Read(ref maxRunning);
    public ConcurrentQueue<RunSummary> Summaries { get; } = new();

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
