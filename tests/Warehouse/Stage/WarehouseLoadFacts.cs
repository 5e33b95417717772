using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Export;
using PerfEval.Etl.Warehouse;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Stage;

/// <summary>A load's private working copy (<see cref="WarehouseLoad"/>): the build's part-way checkpoints, and its row groups.</summary>
public sealed class WarehouseLoadFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task Threads_FollowTheLargestTable_AndQueriesSideBySideShareTheCores()
    {
        await using var open = await warehouse.BeginLoadAsync();
        var (load, connection) = (open.Load, open.Connection);
        long Threads() => connection.ExecuteScalar<long>("select current_setting('threads')::BIGINT");

        (await load.FitThreadsToDataAsync()).ShouldBe(1, "small tables: one thread");
        Threads().ShouldBe(1);
        // A table of two default row groups: a thread for each, as far as the cores go.
        await connection.ExecuteAsync("create table wide as select range as n from range(245760)");
        var cores = Math.Min(2, Environment.ProcessorCount);
        (await load.FitThreadsToDataAsync()).ShouldBe(cores);
        Threads().ShouldBe(cores);
        // An incremental build on a connection per core, with the checks and the pack beside it: one thread per query.
        (await load.FitThreadsToDataAsync(sideBySide: Environment.ProcessorCount)).ShouldBe(1);
        Threads().ShouldBe(1);
        // Each query's share of the cores, as far as the data goes: here a thread per row group.
        (await load.FitThreadsToDataAsync(sideBySide: Environment.ProcessorCount / cores)).ShouldBe(cores);
        // The pack's files, a file per core: so this machine's two cores give one thread each.
        (await load.FitThreadsToDataAsync(sideBySide: BriefingPack.Workers)).ShouldBe(Math.Clamp(Environment.ProcessorCount / BriefingPack.Workers, 1, 2));
    }

    [Fact]
    public async Task BuildCheckpoint_WhileAnotherConnectionWrites_IsSkipped_AndTheLoadGoesOn()
    {
        await using var open = await warehouse.BeginLoadAsync();
        var (load, connection) = (open.Load, open.Connection);
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

    [Fact]
    public async Task ALoad_WritesSmallRowGroups_SoARerunsCheckpointLeavesTheOthersAsTheyAre()
    {
        var file = new WarehouseFile(warehouse.WarehousePath);
        await LoadAsync("create table numbers as select range as n from range(40000)");
        var before = await BlocksOfFirstRowGroupAsync();
        // A rerun appends a few documents' rows.
        await LoadAsync("insert into numbers select range from range(40000, 40100)");

        using (var reader = file.OpenReadOnly())
        {
            var rows = (await reader.QueryAsync<long>(
                "select sum(count)::BIGINT from pragma_storage_info('numbers') where column_name = 'n' and segment_type <> 'VALIDITY' group by row_group_id order by row_group_id")).ToList();
            rows.Sum().ShouldBe(40_100);
            rows.ShouldAllBe(r => r <= WarehouseLoad.RowGroupSize);
        }
        // A checkpoint merges the row groups at the end of a table whose rows fit in fewer: with DuckDB's default size every
        // table of 20,000 reports was one row group, rewritten whole when a rerun appended to it; with small ones the
        // checkpoint rewrites the last few.
        (await BlocksOfFirstRowGroupAsync()).ShouldBe(before);

        async Task LoadAsync(string sql)
        {
            using var loadLock = await file.AcquireLoadLockAsync();
            await using var load = await file.BeginLoadAsync(loadLock);
            await load.Connection.ExecuteAsync(sql);
            await load.PublishAsync();
        }

        async Task<List<long>> BlocksOfFirstRowGroupAsync()
        {
            using var reader = file.OpenReadOnly();
            return (await reader.QueryAsync<long>("select block_id from pragma_storage_info('numbers') where row_group_id = 0 and block_id >= 0 order by all")).ToList();
        }
    }

    [Fact]
    public async Task ANewWarehouse_HasSmallBlocks_AndOneCreatedBefore_KeepsItsOwn()
    {
        await LoadAsync(warehouse.WarehousePath, "create table numbers as select range as n from range(1000)");
        (await BlockSizeAsync(warehouse.WarehousePath)).ShouldBe(WarehouseLoad.BlockSize);

        // A file with DuckDB's default blocks (256 KB), as a warehouse created before was: DuckDB refuses to attach it with
        // another block size, so a load must leave its block size alone.
        var older = Path.Combine(warehouse.Root, "older.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={older}"))
        {
            connection.Open();
            connection.Execute("create table numbers as select range as n from range(1000)");
        }
        (await BlockSizeAsync(older)).ShouldBe(256 * 1024);
        await LoadAsync(older, "insert into numbers select range from range(1000, 1100)");
        (await BlockSizeAsync(older)).ShouldBe(256 * 1024);
        using (var reader = new WarehouseFile(older).OpenReadOnly())
            (await reader.ExecuteScalarAsync<long>("select count(*) from numbers")).ShouldBe(1100);

        static async Task LoadAsync(string path, string sql)
        {
            var file = new WarehouseFile(path);
            using var loadLock = await file.AcquireLoadLockAsync();
            await using var load = await file.BeginLoadAsync(loadLock);
            await load.Connection.ExecuteAsync(sql);
            await load.PublishAsync();
        }

        static async Task<long> BlockSizeAsync(string path)
        {
            using var reader = new WarehouseFile(path).OpenReadOnly();
            return await reader.ExecuteScalarAsync<long>("select block_size from pragma_database_size() where database_name = current_database()");
        }
    }
}
