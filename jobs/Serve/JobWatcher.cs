using Hangfire;
using Hangfire.States;
using Hangfire.Common;
using Hangfire.Storage;

namespace PerfEval.Jobs.Serve;

/// <summary>Where a background job ended: its final state, the reason, and the run summary (its result).</summary>
public sealed record JobOutcome(string JobId, string State, string? Reason, string? Result, string? Error)
{
    public bool Succeeded => State == SucceededState.StateName;
}

/// <summary>Polls the storage until a background job reaches a final state.</summary>
public static class JobWatcher
{
    static readonly HashSet<string> FinalStates = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];

    /// <summary>Waits for <paramref name="jobId"/> to be Succeeded, Failed or Deleted. Each state it passes through
    /// (Enqueued, Processing, Scheduled for a retry) is reported once to <paramref name="onState"/>.</summary>
    public static async Task<JobOutcome> WaitAsync(JobStorage storage, string jobId, Action<string, string?>? onState = null,
        TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(500);
        string? last = null;
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                var state = connection.GetStateData(jobId);
                if (state is not null && (state.Name != last))
                {
                    last = state.Name;
                    onState?.Invoke(state.Name, state.Reason);
                }
                if (state is not null && FinalStates.Contains(state.Name))
                    return Outcome(jobId, state);
            }
            await Task.Delay(interval, cancellationToken);
        }
    }

    static JobOutcome Outcome(string jobId, StateData state)
    {
        state.Data.TryGetValue("Result", out var json);
        var result = json is null ? null : SerializationHelper.Deserialize<string>(json, SerializationOption.User);
        state.Data.TryGetValue("ExceptionMessage", out var error);
        return new JobOutcome(jobId, state.Name, state.Reason, result, error);
    }
}
