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

    [Fact]
    public async Task Run_Select_Succeeds()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();

        QueryCommand.Run("select name from dim_department", warehouse.WarehousePath, "json").ShouldBe(0);
    }
}
