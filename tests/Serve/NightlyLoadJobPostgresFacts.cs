using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Npgsql;
using PerfEval.Jobs.Serve;

namespace PerfEval.Tests.Serve;

/// <summary><c>nightly-load</c> on a real PostgreSQL: the schedule, retries, and several servers sharing one storage.</summary>
[Collection(PostgresServerGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class NightlyLoadJobPostgresFacts(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Trigger_OnPostgresStorage_LoadsTheSeedsToSucceeded()
    {
        using var harness = new JobHarness(ServeStorage.CreatePostgres(postgres.CreateDatabase()));
        await JobScenarios.TriggeredJobLoadsTheSeeds(harness);
    }

    [SkippableFact]
    public async Task Register_StoresTheScheduleWithItsTimeZone()
    {
        var connectionString = postgres.CreateDatabase();
        using var harness = new JobHarness(ServeStorage.CreatePostgres(connectionString));

        NightlySchedule.Register(harness.Storage, harness.Options);

        using (var connection = harness.Storage.GetConnection())
        {
            var job = connection.GetRecurringJobs().ShouldHaveSingleItem();
            job.Id.ShouldBe(NightlySchedule.JobId);
            job.Cron.ShouldBe("0 2 * * *");
            job.TimeZoneId.ShouldBe("Asia/Shanghai");
            job.Job.Type.ShouldBe(typeof(NightlyLoadJob));
        }
        var stored = await HashAsync(connectionString, $"recurring-job:{NightlySchedule.JobId}");
        stored["TimeZoneId"].ShouldBe("Asia/Shanghai");
        stored["Cron"].ShouldBe("0 2 * * *");
    }

    [SkippableFact]
    public async Task DueOccurrence_WithTwoServers_RunsOnce()
    {
        using var harness = new JobHarness(ServeStorage.CreatePostgres(postgres.CreateDatabase()));
        NightlySchedule.Register(harness.Storage, harness.Options);
        MakeDueNow(harness.Storage);

        harness.StartServer();
        harness.StartServer();

        var jobId = await FirstJobOfScheduleAsync(harness.Storage);
        (await harness.WaitAsync(jobId)).State.ShouldBe(SucceededState.StateName);
        await Task.Delay(TimeSpan.FromSeconds(3)); // both schedulers poll every second: room for a duplicate to show up
        var monitoring = harness.Storage.GetMonitoringApi();
        monitoring.Servers().Count.ShouldBe(2);
        (monitoring.SucceededListCount() + monitoring.EnqueuedCount("default") + monitoring.ProcessingCount()).ShouldBe(1);
        harness.Runner.Calls.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Triggers_OnTwoServers_NeverLoadAtOnce()
    {
        using var harness = new JobHarness(ServeStorage.CreatePostgres(postgres.CreateDatabase()));
        harness.Runner.Delay = TimeSpan.FromSeconds(1);
        NightlySchedule.Register(harness.Storage, harness.Options);
        harness.StartServer();
        harness.StartServer();

        var jobIds = Enumerable.Range(0, 3).Select(_ => NightlySchedule.Trigger(harness.Storage)).ToList();
        var outcomes = await Task.WhenAll(jobIds.Select(id => harness.WaitAsync(id)));

        outcomes.ShouldAllBe(o => o.State == SucceededState.StateName);
        harness.Runner.Calls.ShouldBe(3);
        harness.Runner.MaxRunning.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Trigger_WhenTheLoadFailsOnce_IsRetriedAndSucceeds()
    {
        using var harness = new JobHarness(ServeStorage.CreatePostgres(postgres.CreateDatabase()));
        await JobScenarios.FailingLoadIsRetriedThenSucceeds(harness);
    }

    /// <summary>Moves the next occurrence into the past, as if 02:00 in Shanghai had just passed.</summary>
    static void MakeDueNow(JobStorage storage)
    {
        var due = DateTime.UtcNow.AddMinutes(-1);
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash($"recurring-job:{NightlySchedule.JobId}",
        [
            new("LastExecution", JobHelper.SerializeDateTime(due.AddDays(-2))),
            new("NextExecution", JobHelper.SerializeDateTime(due)),
        ]);
        transaction.AddToSet("recurring-jobs", NightlySchedule.JobId, JobHelper.ToTimestamp(due));
        transaction.Commit();
    }

    static async Task<string> FirstJobOfScheduleAsync(JobStorage storage)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using (var connection = storage.GetConnection())
            {
                var job = connection.GetRecurringJobs([NightlySchedule.JobId]).Single();
                if (job.LastJobId is not null) return job.LastJobId;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("no server scheduled the due occurrence of nightly-load within 30 s");
    }

    static async Task<Dictionary<string, string>> HashAsync(string connectionString, string key)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand($"select field, value from {ServeStorage.SchemaName}.hash where key = @key", connection);
        select.Parameters.AddWithValue("key", key);
        await using var reader = await select.ExecuteReaderAsync();
        var fields = new Dictionary<string, string>();
        while (await reader.ReadAsync()) fields[reader.GetString(0)] = reader.GetString(1);
        return fields;
    }
}
