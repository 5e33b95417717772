using Hangfire;
using Microsoft.Extensions.Logging;
using PerfEval.Etl.Pipeline;
using PerfEval.Jobs.Serve.FanOut;

namespace PerfEval.Jobs.Serve;

/// <summary>
/// The nightly load as a Hangfire job: one run of the load pipeline, exactly what <c>perfeval run</c>
/// does, recorded in the warehouse the same way. A run commits whole or not at all, so a retry is safe.
/// With <paramref name="fanOut"/> (<c>serve --extract-batch-size</c>), the extraction is first fanned out to the servers.
/// </summary>
[AutomaticRetry(Attempts = RetryAttempts, DelaysInSeconds = [60, 300, 900], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
[DisableConcurrentExecution(LockWaitSeconds)]
public sealed class NightlyLoadJob(ILoadRunner runner, ILogger<NightlyLoadJob> logger, ExtractionFanOut? fanOut = null)
{
    /// <summary>Retries after the first failure before the job is left Failed.</summary>
    public const int RetryAttempts = 3;

    /// <summary>How long a second load waits for the running one before it fails (and is retried).</summary>
    public const int LockWaitSeconds = 15 * 60;

    /// <summary>
    /// A load stops itself (and rolls back) after this long, the wait for a fan-out's batches included. It stays
    /// under the storage's lock timeout, so the lock that keeps loads apart can never expire under a running load.
    /// </summary>
    public static readonly TimeSpan MaxLoadDuration = TimeSpan.FromMinutes(50);

    /// <summary>Runs one load; returns the run summary, which Hangfire keeps as the job's result.</summary>
    [JobDisplayName("nightly load → {1}")]
    public async Task<string> RunAsync(string[] sources, string warehouse, string? exports, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(MaxLoadDuration);
        var options = new RunOptions(sources, warehouse) { ExportsPath = exports };
        var progress = new Progress<string>(line => logger.LogInformation("nightly-load: {Line}", line));
        logger.LogInformation("nightly-load: loading {Sources} into {Warehouse}", string.Join(", ", sources), warehouse);
        var summary = fanOut is null
            ? await runner.RunAsync(options, progress, limit.Token)
            : await fanOut.LoadAsync(options, runner, progress, limit.Token);
        var text = summary.ToText();
        if (string.Equals(summary.Status, "failed", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"The load failed: {text}");
        logger.LogInformation("nightly-load: {Summary}", text);
        return text;
    }
}
