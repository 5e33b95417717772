using Dapper;
using DuckDB.NET.Data;
using Npgsql;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Serve;

/// <summary>
/// The PostgreSQL password never shows: not in what <c>perfeval serve</c> prints or logs (the whole stdout and
/// stderr of the process, Hangfire's and ASP.NET's log lines included), not in the run records of the
/// warehouse (<c>etl_run</c>, every table in fact), not in the run summary.
/// </summary>
[Collection(PostgresServerGroup.Name)]
[Trait("Category", "Postgres")]
public sealed class SecretFacts(PostgresServer postgres) : IDisposable
{
    const string Password = "Pw-9f3c-never-print-me";
    readonly string folder = Directory.CreateTempSubdirectory("perfeval-secret-").FullName;

    string Warehouse => Path.Combine(folder, "warehouse.duckdb");

    string[] OnceArgs =>
    [
        "serve", "--once", "--source", Path.Combine(AppContext.BaseDirectory, "samples"),
        "--warehouse", Warehouse, "--exports", Path.Combine(folder, "exports"),
    ];

    [SkippableFact]
    public async Task Serve_NightlyLoadOnPostgres_KeepsThePasswordOutOfLogsRunRecordsAndSummary()
    {
        // Trust authentication ignores the password, so it can stand in for a real one.
        var connection = new NpgsqlConnectionStringBuilder(postgres.CreateDatabase()) { Password = Password }.ConnectionString;

        var serve = await PerfEvalProcess.RunAsync([.. OnceArgs, "--storage", "postgres", "--postgres", connection], TimeSpan.FromSeconds(120));

        serve.ExitCode.ShouldBe(0, serve.Output + serve.Error);
        serve.Output.ShouldContain("final state: Succeeded");
        (serve.Output + serve.Error).ShouldNotContain(Password);
        WarehouseText().ShouldNotContain(Password);
        await using var hangfire = new NpgsqlConnection(connection);
        var jobs = await hangfire.QueryAsync<string>("select concat_ws(' ', invocationdata, arguments) from hangfire.job");
        string.Join('\n', jobs).ShouldNotContain(Password);
    }

    /// <summary>Every row of every table of the warehouse as text (etl_run with its sources and errors included).</summary>
    string WarehouseText()
    {
        using var connection = new DuckDBConnection($"Data Source={Warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var tables = connection.Query<string>("select table_name from information_schema.tables").ToList();
        tables.ShouldContain("etl_run");
        return string.Join('\n', tables.SelectMany(t => connection.Query<string>($"select t::varchar from {t} as t")));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
