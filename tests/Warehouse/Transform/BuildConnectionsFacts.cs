using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Transform;

namespace PerfEval.Tests.Warehouse.Transform;

/// <summary>
/// Models built side by side on several connections to one DuckDB instance (<see cref="BuildConnections"/>): each after
/// the models it reads have committed, and the first failure stopping the rest.
/// </summary>
public sealed class BuildConnectionsFacts : IDisposable
{
    readonly DuckDBConnection main = new("Data Source=:memory:");

    public BuildConnectionsFacts()
    {
        main.Open();
        main.Execute("create table source as select range as n from range(1000)");
    }

    public void Dispose() => main.Dispose();

    DuckDBConnection OpenSide()
    {
        var side = main.Duplicate();
        side.Open();
        return side;
    }

    /// <summary>A chain a ← b ← c (each reads the one before it) and d beside them.</summary>
    static readonly IReadOnlyList<Model> Chain =
    [
        new("m_a", "test/m_a.sql", "select n from source"),
        new("m_b", "test/m_b.sql", "select n * 2 as n from m_a"),
        new("m_d", "test/m_d.sql", "select count(*) as n from source"),
        new("m_c", "test/m_c.sql", "select sum(n)::bigint as n from m_b"),
    ];

    static Task Build(DuckDBConnection connection, Model model) =>
        connection.ExecuteAsync($"create table {model.Name} as {model.Sql}");

    [Fact]
    public async Task RunAsync_OnSeveralConnections_BuildsEachModelAfterWhatItReads_AndLeavesATransactionOpen()
    {
        main.Execute("begin transaction");
        var builtOn = new System.Collections.Concurrent.ConcurrentDictionary<string, DuckDBConnection>();
        using var besideStarted = new ManualResetEventSlim();
        await using (var connections = await BuildConnections.OpenAsync(main, OpenSide, 2))
        {
            connections.Parallel.ShouldBeTrue();
            await connections.RunAsync(Chain, async (connection, model) =>
            {
                builtOn[model.Name] = connection;
                // m_a waits until another connection has taken m_d, the one model that does not wait for m_a.
                if (model.Name == "m_d") besideStarted.Set();
                if (model.Name == "m_a") besideStarted.Wait(TimeSpan.FromSeconds(10)).ShouldBeTrue("m_d was built beside m_a");
                await Build(connection, model);
            }, null, CancellationToken.None);
        }

        // m_b read m_a, and m_c read m_b, whichever connection built them: each saw the one before it committed.
        main.ExecuteScalar<long>("select n from m_c").ShouldBe(999_000);
        main.ExecuteScalar<long>("select n from m_d").ShouldBe(1000);
        builtOn["m_d"].ShouldNotBeSameAs(builtOn["m_a"]);
        main.Execute("commit"); // the build left the caller a transaction, as it found one
    }

    [Fact]
    public async Task RunAsync_AModelFails_StopsTheOthers_RethrowsItsError_AndLeavesATransactionToRollBack()
    {
        main.Execute("begin transaction");
        var built = new System.Collections.Concurrent.ConcurrentBag<string>();
        var connections = await BuildConnections.OpenAsync(main, OpenSide, 2);
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => connections.RunAsync(Chain, async (connection, model) =>
        {
            if (model.Name == "m_b") throw new InvalidDataException("boom");
            await Build(connection, model);
            built.Add(model.Name);
        }, null, CancellationToken.None));
        await connections.DisposeAsync();

        failure.Message.ShouldBe("model m_b (test/m_b.sql) failed: boom");
        built.ShouldNotContain("m_c", "nothing that reads the failed model is built");
        main.ExecuteScalar<long>("select count(*) from duckdb_tables() where table_name = 'm_b'").ShouldBe(0);
        main.Execute("rollback"); // the build left the caller a transaction to roll back
    }

    [Fact]
    public async Task RunAsync_OnOneConnection_BuildsInOrderInTheCallersTransaction()
    {
        main.Execute("begin transaction");
        var order = new List<string>();
        await using (var connections = await BuildConnections.OpenAsync(main, null, 0))
        {
            connections.Parallel.ShouldBeFalse();
            await connections.RunAsync(Chain, async (connection, model) =>
            {
                connection.ShouldBeSameAs(main);
                order.Add(model.Name);
                await Build(connection, model);
            }, null, CancellationToken.None);
        }

        order.ShouldBe(Chain.Select(m => m.Name));
        main.Execute("rollback");
        main.ExecuteScalar<long>("select count(*) from duckdb_tables() where table_name like 'm\\_%' escape '\\'").ShouldBe(0, "all of it was in the caller's transaction");
    }
}
