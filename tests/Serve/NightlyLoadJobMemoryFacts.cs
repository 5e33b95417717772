using Hangfire.InMemory;

namespace PerfEval.Tests.Serve;

/// <summary><c>nightly-load</c> on the in-memory storage (the default of <c>serve</c> without PostgreSQL).</summary>
public sealed class NightlyLoadJobMemoryFacts
{
    [Fact]
    public async Task Trigger_OnMemoryStorage_LoadsTheSeedsToSucceeded()
    {
        using var harness = new JobHarness(new InMemoryStorage());
        await JobScenarios.TriggeredJobLoadsTheSeeds(harness);
    }

    [Fact]
    public async Task Trigger_WhenTheLoadFailsOnce_IsRetriedAndSucceeds()
    {
        using var harness = new JobHarness(new InMemoryStorage());
        await JobScenarios.FailingLoadIsRetriedThenSucceeds(harness);
    }
}
