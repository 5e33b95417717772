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

    /// <summary>
    /// Waits until every job in <paramref name="jobIds"/> is Succeeded, Failed or Deleted, or <paramref name="timeout"/>
    /// has passed; returns each job's final state, null for one still unfinished. Checks the jobs in order and
    /// stays on the first unfinished one, so a wait costs about one query per job plus one per poll, however many jobs.
    /// </summary>
    public static async Task<IReadOnlyList<string?>> WaitForAllAsync(JobStorage storage, IReadOnlyList<string> jobIds, TimeSpan timeout,
        TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        var states = new string?[jobIds.Count];
        var next = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                while (next < jobIds.Count && connection.GetStateData(jobIds[next]) is { } state && FinalStates.Contains(state.Name))
                    states[next++] = state.Name;
                // Past the deadline, look at the rest once: some may have finished while the first one ran.
                if (next == jobIds.Count || DateTime.UtcNow >= deadline)
                {
                    for (var i = next; i < jobIds.Count; i++)
                        states[i] = connection.GetStateData(jobIds[i]) is { } s && FinalStates.Contains(s.Name) ? s.Name : null;
                    return states;
                }
            }
            await Task.Delay(pollInterval, cancellationToken);
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
