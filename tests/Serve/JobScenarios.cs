using Hangfire;
using Hangfire.States;
using PerfEval.Jobs.Serve;

namespace PerfEval.Tests.Serve;

/// <summary>What every storage must do with <c>nightly-load</c>; the storage facts run these on their storage.</summary>
static class JobScenarios
{
    /// <summary>A triggered occurrence loads the five seed reports and ends Succeeded, with the run summary as result.</summary>
    public static async Task TriggeredJobLoadsTheSeeds(JobHarness harness)
    {
        NightlySchedule.Register(harness.Storage, harness.Options);
        harness.StartServer();

        var outcome = await harness.WaitAsync(NightlySchedule.Trigger(harness.Storage));

        outcome.State.ShouldBe(SucceededState.StateName, outcome.Error);
        harness.Runner.Calls.ShouldBe(1);
        var summary = harness.Runner.Summaries.ShouldHaveSingleItem();
        summary.Status.ToLowerInvariant().ShouldNotBe("failed");
        summary.DocumentsSeen.ShouldBe(5);
        summary.DocumentsNew.ShouldBe(5);
        outcome.Result.ShouldBe(summary.ToText());
    }

    /// <summary>A load that throws is scheduled for a retry (bounded by the job's attribute); the retry succeeds.</summary>
    public static async Task FailingLoadIsRetriedThenSucceeds(JobHarness harness)
    {
        harness.Runner.FailFirst = 1;
        NightlySchedule.Register(harness.Storage, harness.Options);
        harness.StartServer();
        var jobId = NightlySchedule.Trigger(harness.Storage);
        var states = new List<string>();

        // The retry is due a minute later; once Hangfire has scheduled it, move it to now instead of waiting.
        var scheduled = await WaitForStateAsync(harness.Storage, jobId, ScheduledState.StateName);
        scheduled.Reason.ShouldStartWith($"Retry attempt 1 of {NightlyLoadJob.RetryAttempts}");
        new BackgroundJobClient(harness.Storage).Requeue(jobId, ScheduledState.StateName).ShouldBeTrue();
        var outcome = await harness.WaitAsync(jobId, (state, _) => states.Add(state));

        outcome.State.ShouldBe(SucceededState.StateName, outcome.Error);
        harness.Runner.Calls.ShouldBe(2);
        harness.Runner.Summaries.Count.ShouldBe(1);
        using var connection = harness.Storage.GetConnection();
        connection.GetJobParameter(jobId, "RetryCount").ShouldBe("1");
    }

    public static async Task<Hangfire.Storage.StateData> WaitForStateAsync(JobStorage storage, string jobId, string stateName)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            using (var connection = storage.GetConnection())
            {
                var state = connection.GetStateData(jobId);
                if (state?.Name == stateName) return state;
                if (state?.Name == SucceededState.StateName || state?.Name == FailedState.StateName)
                    throw new ShouldAssertException($"job {jobId} reached {state.Name} instead of {stateName}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"job {jobId} did not reach {stateName} within a minute");
    }
}
