using Npgsql;
using PerfEval.Jobs.Serve;

namespace PerfEval.Tests.Serve;

/// <summary>The deployment check of issue 5: <c>serve --storage postgres --once</c> against a throwaway PostgreSQL.</summary>
[Collection(PostgresServerGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class ServeOncePostgresFacts(PostgresServer postgres) : IDisposable
{
    const string Password = "s3cret-do-not-print";
    readonly string folder = Directory.CreateTempSubdirectory("perfeval-serve-once-").FullName;

    [SkippableFact]
    public async Task Once_WithPostgresStorage_SucceedsAndLeavesScheduleAndJobInHangfireSchema()
    {
        // Trust authentication ignores the password, so it can stand in for a real one.
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.CreateDatabase()) { Password = Password }.ConnectionString;

        var (exitCode, output, error) = ServeCommandFacts.Invoke(["--storage", "postgres", "--postgres", connectionString, .. ServeCommandFacts.OnceArgs(folder)]);

        exitCode.ShouldBe(0, error + output);
        output.ShouldContain("final state: Succeeded");
        (output + error).ShouldNotContain(Password);
        output.ShouldContain($"Password={ConnectionStrings.Hidden}");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        (await ScalarAsync(connection, "select value from hangfire.hash where key = 'recurring-job:nightly-load' and field = 'TimeZoneId'")).ShouldBe("Asia/Shanghai");
        (await ScalarAsync(connection, "select count(*)::text from hangfire.job where statename = 'Succeeded'")).ShouldBe("1");
    }

    [SkippableFact]
    public void Once_WithConnectionFromEnvironment_DefaultsToPostgres()
    {
        var connectionString = postgres.CreateDatabase();

        var (exitCode, output, error) = ServeCommandFacts.Invoke(ServeCommandFacts.OnceArgs(folder),
            name => name == ServeOptions.PostgresVariable ? connectionString : null);

        exitCode.ShouldBe(0, error + output);
        output.ShouldContain("storage postgres");
    }

    static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
