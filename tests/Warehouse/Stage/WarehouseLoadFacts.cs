using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Warehouse;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Stage;

/// <summary>A load's private working copy (<see cref="WarehouseLoad"/>): the build's part-way checkpoints.</summary>
public sealed class WarehouseLoadFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task BuildCheckpoint_WhileAnotherConnectionWrites_IsSkipped_AndTheLoadGoesOn()
    {
        var file = new WarehouseFile(warehouse.WarehousePath);
        using var loadLock = await file.AcquireLoadLockAsync();
        await using var load = await file.BeginLoadAsync(loadLock);
        var connection = load.Connection;
        await WarehouseSchema.EnsureAsync(connection);
        await connection.ExecuteAsync("begin transaction");
        // Every byte held counts: the first call after something is written wants to checkpoint.
        var checkpoint = await load.CheckpointsForBuildAsync(heldBytes: 1);
        await connection.ExecuteAsync("create table built as select range as n from range(50000)");

        using (var other = load.OpenReader())
        {
            // A transaction of another connection that writes: DuckDB then refuses a plain checkpoint.
            await other.ExecuteAsync("begin transaction");
            await other.ExecuteAsync("insert into etl_state values ('other', 'open')");

            (await checkpoint()).ShouldBeFalse("the checkpoint waits for the next chance instead of failing the load");
            // Committed, and a new transaction is open, as after a checkpoint.
            await connection.ExecuteAsync("insert into built values (-1)");
            await connection.ExecuteAsync("commit");
            await other.ExecuteAsync("rollback");
        }

        await connection.ExecuteAsync("begin transaction");
        await connection.ExecuteAsync("insert into built select range from range(50000)");
        (await checkpoint()).ShouldBeTrue("with no other writer, it checkpoints");
        (await connection.ExecuteScalarAsync<long>("select count(*) from built")).ShouldBe(100_001);
        await connection.ExecuteAsync("commit");
    }
}
