using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerfEval.Jobs.Serve.FanOut;

namespace PerfEval.Jobs.Serve;

/// <summary>
/// The <c>perfeval serve</c> process: a Hangfire server with the <c>nightly-load</c> schedule and the dashboard,
/// with <c>--once</c> a single triggered run, or with <c>--extract-only</c> a server of extraction batches only.
/// Ctrl-C and SIGTERM stop it through the host's lifetime: the running load is cancelled and rolls back, and its
/// job is picked up again later.
/// </summary>
public static class ServeHost
{
    public const string DashboardPath = "/hangfire";

    /// <summary>Serves until stopped (exit code 0), or with <see cref="ServeOptions.Once"/> runs the job once
    /// (0 only if it Succeeded). <paramref name="runner"/> replaces the real load in tests.</summary>
    public static async Task<int> RunAsync(ServeOptions options, TextWriter output, TextWriter error,
        ILoadRunner? runner = null, CancellationToken cancellationToken = default)
    {
        runner ??= new PipelineLoadRunner();
        try
        {
            options.Validate();
            if (options.Storage == StorageKind.Postgres && options.Postgres is { } postgres)
                await ServeStorage.ProbePostgresAsync(postgres, cancellationToken);
            var storage = ServeStorage.Create(options);
            output.WriteLine($"perfeval serve: storage {ServeStorage.Describe(options)}");
            if (options.ExtractOnly) return await ServeExtractionAsync(options, storage, output, cancellationToken);
            NightlySchedule.Register(storage, options);
            output.WriteLine($"perfeval serve: {NightlySchedule.JobId} at '{options.Cron}' ({options.TimeZone}): "
                + $"{string.Join(", ", options.Sources)} → {options.Warehouse}, exports {options.Exports}");
            output.WriteLine(options.FansOut
                ? $"perfeval serve: extraction fanned out in batches of {options.ExtractBatchSize} files (queue {ExtractBatchJob.QueueName}); {options.WorkerCount} workers"
                : $"perfeval serve: extraction inside the load; {options.WorkerCount} workers");
            return options.Once
                ? await RunOnceAsync(options, storage, runner, output, cancellationToken)
                : await ServeAsync(options, storage, runner, output, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error.WriteLine($"perfeval serve: {ConnectionStrings.Scrub(e.Message, options.Postgres)}");
            return 2;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var message = e is InvalidOperationException ? e.Message : e.GetBaseException().Message;
            error.WriteLine($"perfeval serve: {ConnectionStrings.Scrub(message, options.Postgres)}");
            return 1;
        }
    }

    static async Task<int> ServeAsync(ServeOptions options, JobStorage storage, ILoadRunner runner, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ApplicationName = "perfeval" });
        builder.WebHost.UseUrls(options.Dashboard);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        AddHangfireServer(builder.Services, storage, runner, options);
        // For the dashboard; it also routes Hangfire's own log lines to this host's console (one host per process here).
        builder.Services.AddHangfire(_ => ServeStorage.ConfigureSerialization());
        await using var app = builder.Build();
        var access = DashboardAccess.FromEnvironment();
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "perfeval · nightly load",
            Authorization = [access],
            IsReadOnlyFunc = access.IsReadOnly,
            AppPath = null,
        }, storage);
        app.MapGet("/", () => Results.Redirect(DashboardPath));
        await app.StartAsync(cancellationToken);
        output.WriteLine($"perfeval serve: dashboard at {options.Dashboard.TrimEnd('/')}{DashboardPath} (local requests; remote "
            + (access.RemoteAllowed ? access.RemoteMayWrite ? "with the credential, read-write)" : "with the credential, read-only)" : "disabled: no credential)"));
        output.WriteLine("perfeval serve: running; Ctrl-C or SIGTERM stops it.");
        await app.WaitForShutdownAsync(cancellationToken);
        output.WriteLine("perfeval serve: stopped.");
        return 0;
    }

    /// <summary>A server of extraction batches only, until stopped: it needs the inbox at the paths the load names, not the warehouse.</summary>
    static async Task<int> ServeExtractionAsync(ServeOptions options, JobStorage storage, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "perfeval" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("PerfEval", LogLevel.Information);
        AddHangfireServer(builder.Services, storage, new PipelineLoadRunner(), options);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        output.WriteLine($"perfeval serve --extract-only: {options.WorkerCount} workers on queue {ExtractBatchJob.QueueName}; Ctrl-C or SIGTERM stops it.");
        await host.WaitForShutdownAsync(cancellationToken);
        output.WriteLine("perfeval serve: stopped.");
        return 0;
    }

    static async Task<int> RunOnceAsync(ServeOptions options, JobStorage storage, ILoadRunner runner, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "perfeval" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("PerfEval", LogLevel.Information);
        AddHangfireServer(builder.Services, storage, runner, options);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        var jobId = NightlySchedule.Trigger(storage);
        output.WriteLine($"perfeval serve --once: triggered {NightlySchedule.JobId} as job {jobId}");
        JobOutcome outcome;
        try
        {
            outcome = await JobWatcher.WaitAsync(storage, jobId,
                (state, reason) => output.WriteLine($"  {state}{(reason is null ? "" : $": {reason}")}"), cancellationToken: wait.Token);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine("perfeval serve --once: interrupted; the load is cancelled and rolls back.");
            await host.StopAsync(CancellationToken.None);
            return 1;
        }
        output.WriteLine($"final state: {outcome.State}");
        if (outcome.Result is not null) output.WriteLine(outcome.Result);
        if (outcome.Error is not null) output.WriteLine($"error: {outcome.Error}");
        await host.StopAsync(CancellationToken.None);
        return outcome.Succeeded ? 0 : 1;
    }

    /// <summary>The Hangfire server with this storage and this load, and the job activator that builds the jobs.</summary>
    public static void AddHangfireServer(IServiceCollection services, JobStorage storage, ILoadRunner runner, ServeOptions? options = null)
    {
        options ??= new ServeOptions();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(1));
        AddJobs(services, storage, runner, options);
        services.AddSingleton(options);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHostedService<HangfireServerService>();
    }

    /// <summary>
    /// The jobs a server can run and what they need. With PostgreSQL storage every server can run extraction batches
    /// (whoever enqueued them); only a server given <see cref="ServeOptions.ExtractBatchSize"/> fans its loads out.
    /// </summary>
    public static void AddJobs(IServiceCollection services, JobStorage storage, ILoadRunner runner, ServeOptions options)
    {
        services.AddSingleton(storage);
        services.AddSingleton(runner);
        services.AddTransient<NightlyLoadJob>();
        if (options.Storage != StorageKind.Postgres || options.Postgres is not { } postgres) return;
        services.AddSingleton(_ => ExtractSpool.Create(postgres));
        services.AddTransient<ExtractBatchJob>();
        if (!options.FansOut) return;
        services.AddSingleton(new FanOutSettings(options.ExtractBatchSize));
        services.AddTransient<ExtractionFanOut>();
    }

    /// <summary>The server options every <c>serve</c> process uses: its workers and queues (<see cref="ServeOptions.Queues"/>),
    /// and time for a cancelled load to roll back before the process exits.</summary>
    public static void ConfigureServer(BackgroundJobServerOptions options, JobActivator activator, ServeOptions? serve = null)
    {
        serve ??= new ServeOptions();
        options.Activator = activator;
        options.WorkerCount = serve.WorkerCount;
        options.Queues = serve.Queues;
        options.ShutdownTimeout = TimeSpan.FromSeconds(45);
        options.ServerName = serve.ExtractOnly ? $"perfeval-extract-{Environment.MachineName}" : $"perfeval-{Environment.MachineName}";
    }
}
