using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Warehouse;
using PerfEval.Jobs.Commands;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Commands;

/// <summary><c>perfeval query</c> reads the warehouse and never writes it.</summary>
public sealed class QueryCommandFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task Run_WriteStatement_FailsOnTheReadOnlyConnection()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();

        QueryCommand.Run("delete from dim_department", warehouse.WarehousePath, "csv").ShouldBe(1);

        warehouse.Count("select count(*) from dim_department").ShouldBe(5);
    }

    [Fact]
    public void Run_NoWarehouseYet_FailsWithoutCreatingOne()
    {
        QueryCommand.Run("select 1", warehouse.WarehousePath, "table").ShouldBe(1);

        File.Exists(warehouse.WarehousePath).ShouldBeFalse();
    }

    [Theory]
    [InlineData("copy (select * from dim_department) to '{outside}'", "file system operations are disabled")]
    [InlineData("select * from read_csv('/etc/passwd')", "file system operations are disabled")]
    [InlineData("select * from read_text('/etc/hostname')", "file system operations are disabled")]
    [InlineData("attach '{outside}.duckdb' as other", "file system operations are disabled")]
    [InlineData("install httpfs", "disabled")]
    [InlineData("load httpfs", "disabled")]
    [InlineData("set enable_external_access = true", "the configuration has been locked")]
    [InlineData("export database '{outside}.dir'", "file system operations are disabled")]
    [InlineData("create table stolen as select 1", "read-only")]
    public async Task Sandboxed_StatementReachingOutsideTheWarehouse_IsRefusedWithAClearError(string sql, string error)
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();
        var outside = Path.Combine(warehouse.Root, "outside.csv");

        using var connection = new WarehouseFile(warehouse.WarehousePath).OpenSandboxed();
        using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("{outside}", outside, StringComparison.Ordinal);
        var refused = Should.Throw<DuckDBException>(() => command.ExecuteNonQuery());

        refused.Message.ShouldContain(error);
        Directory.EnumerateFileSystemEntries(warehouse.Root, "outside*").ShouldBeEmpty();
        QueryCommand.Run(command.CommandText, warehouse.WarehousePath, "csv").ShouldBe(1);
    }

    [Fact]
    public async Task Sandboxed_Select_StillReadsTheWarehouse()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();

        using var connection = new WarehouseFile(warehouse.WarehousePath).OpenSandboxed();
        using var second = new WarehouseFile(warehouse.WarehousePath).OpenSandboxed();

        connection.ExecuteScalar<long>("select count(*) from fct_evaluation").ShouldBe(5);
        second.ExecuteScalar<long>("select count(*) from range(10)").ShouldBe(10);
    }

    [Fact]
    public async Task Run_Select_Succeeds()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();

        QueryCommand.Run("select name from dim_department", warehouse.WarehousePath, "json").ShouldBe(0);
    }
}
