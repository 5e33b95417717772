using Hangfire;

namespace PerfEval.Jobs.Serve;

/// <summary>The recurring job <c>nightly-load</c>: registering it and triggering it now.</summary>
public static class NightlySchedule
{
    public const string JobId = "nightly-load";

    /// <summary>Adds or updates <c>nightly-load</c> with the cron and time zone of <paramref name="options"/>. Paths are
    /// stored absolute, because whichever server picks the job up runs it. Throws
    /// <see cref="ArgumentException"/> for a bad cron expression and <see cref="TimeZoneNotFoundException"/> for an unknown zone.</summary>
    public static void Register(JobStorage storage, ServeOptions options)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var sources = options.Sources.Select(Path.GetFullPath).ToArray();
        var warehouse = Path.GetFullPath(options.Warehouse);
        var exports = Path.GetFullPath(options.Exports);
        new RecurringJobManager(storage).AddOrUpdate<NightlyLoadJob>(
            JobId,
            job => job.RunAsync(sources, warehouse, exports, CancellationToken.None),
            options.Cron,
            new RecurringJobOptions { TimeZone = timeZone });
    }

    /// <summary>Enqueues an occurrence of <c>nightly-load</c> now; returns its background job id.</summary>
    public static string Trigger(JobStorage storage) => new RecurringJobManager(storage).TriggerJob(JobId);
}
