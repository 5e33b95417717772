using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Warehouse;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Pipeline;

/// <summary>The cap on DuckDB's memory during a load: sizes as operators write them, and a clear refusal otherwise.</summary>
public sealed class DuckDbMemoryFacts
{
    [Theory]
    [InlineData("256MB")]
    [InlineData("2GB")]
    [InlineData("1.5GiB")]
    [InlineData(" 512 mb ")]
    public void Validate_SizeWithUnit_IsAccepted(string size) => DuckDbMemory.Validate(size).ShouldBe(size.Trim());

    [Theory]
    [InlineData("256MB", 256_000_000L)]
    [InlineData("64kb", 64_000L)]
    [InlineData("1.5GiB", 1_610_612_736L)]
    [InlineData(" 2 TB ", 2_000_000_000_000L)]
    public void Bytes_ReadsTheSizeAsDuckDbDoes(string size, long bytes) => DuckDbMemory.Bytes(size).ShouldBe(bytes);

    [Theory]
    [InlineData("256")]
    [InlineData("lots")]
    [InlineData("256MB'; drop table etl_run; --")]
    [InlineData("")]
    public void Validate_AnythingElse_SaysWhatIsExpected(string size) =>
        Should.Throw<ArgumentException>(() => DuckDbMemory.Validate(size)).Message.ShouldContain("such as 256MB");

    [Fact]
    public async Task Run_WithACap_LoadsTheSameRows()
    {
        using var capped = new TempWarehouse();
        using var uncapped = new TempWarehouse();
        Seeds.AddAll(capped);
        Seeds.AddAll(uncapped);

        var a = await LoadPipeline.RunAsync(capped.Options() with { DuckDbMemoryLimit = "64MB" });
        var b = await LoadPipeline.RunAsync(uncapped.Options() with { DuckDbMemoryLimit = null });

        a.RowsPerTable.ShouldBe(b.RowsPerTable);
    }

    [Fact]
    public async Task RunCommand_BadSize_IsAUsageError()
    {
        var (exitCode, _, error) = await PerfEvalProcess.RunAsync(["run", "--duckdb-memory", "lots"], TimeSpan.FromMinutes(1));

        exitCode.ShouldBe(2);
        error.ShouldContain("such as 256MB");
    }
}
