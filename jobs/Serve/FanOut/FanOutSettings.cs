namespace PerfEval.Jobs.Serve.FanOut;

/// <summary>How <c>nightly-load</c> fans extraction out: files per batch, and how long the load waits for the batches.</summary>
public sealed record FanOutSettings(int BatchSize)
{
    /// <summary>Files per batch that <c>--extract-batch-size</c> suggests: about a second of one core, and 2,000 jobs for a million files.</summary>
    public const int SuggestedBatchSize = 500;

    /// <summary>
    /// How long the load waits for the batches before it goes on without the unfinished ones. It is part of
    /// <see cref="NightlyLoadJob.MaxLoadDuration"/>, so the load that follows keeps most of that time.
    /// </summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How often the wait looks at the batches' states.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
