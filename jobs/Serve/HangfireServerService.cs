using Hangfire;
using Microsoft.Extensions.Hosting;

namespace PerfEval.Jobs.Serve;

/// <summary>
/// The Hangfire server as a hosted service, on exactly the storage and activator it is given. (Hangfire's own
/// <c>AddHangfireServer</c> reads process-wide defaults, which breaks when tests run several hosts in one process.)
/// Stopping sends the stop signal, which cancels a running load's token, and waits for the workers to finish.
/// </summary>
public sealed class HangfireServerService(JobStorage storage, JobActivator activator, ServeOptions serve) : IHostedService, IDisposable
{
    BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new BackgroundJobServerOptions();
        ServeHost.ConfigureServer(options, activator, serve);
        server = new BackgroundJobServer(options, storage);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is null) return;
        server.SendStop();
        await server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose() => server?.Dispose();
}
