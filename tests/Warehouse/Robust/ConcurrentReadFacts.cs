using PerfEval.Etl.Pipeline;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Robust;

/// <summary>
/// Analysts read while loads run: a query holding the warehouse open never stops a load, and a running load
/// never stops a query (it reads the last published snapshot). Loads of one warehouse wait for each other.
/// All of it across processes, as <c>perfeval</c> children.
/// </summary>
[Collection(ChildProcessLoads.Name)]
public sealed class ConcurrentReadFacts(LoadCorpus corpus) : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Several seconds of CPU in DuckDB, reading nothing but holding the warehouse open.</summary>
    const string SlowQuery = "select sum(hash(x)) as checksum from range(1000000000) as t(x)";

    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task Run_WhileALongQueryHoldsTheWarehouse_SucceedsAndTheQueryFinishes()
    {
        foreach (var file in LoadCorpus.SeedFiles) File.Copy(file, Path.Combine(warehouse.Inbox, Path.GetFileName(file)));
        await LoadPipeline.RunAsync(new RunOptions([warehouse.Inbox], warehouse.WarehousePath));
        using var query = PerfEvalProcess.Start(["query", SlowQuery, "--warehouse", warehouse.WarehousePath, "--format", "csv"]);
        (await query.WaitForOpenFileAsync(warehouse.WarehousePath, Patience)).ShouldBeTrue($"the query opens the warehouse\n{query.Error}");
        File.AppendAllText(Path.Combine(warehouse.Inbox, Path.GetFileName(LoadCorpus.SeedFiles[0])), "\n（更正版）\n");

        var (exitCode, output, error) = await PerfEvalProcess.RunAsync(["run", "--source", warehouse.Inbox, "--warehouse", warehouse.WarehousePath], Patience);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("1 new");
        query.HasExited.ShouldBeFalse("the query still held the warehouse when the load published; make it slower");
        (await query.WaitAsync(Patience)).ShouldBe(0, query.Error);
        query.Output.ShouldStartWith("checksum");
        warehouse.Count("select count(*) from dim_document").ShouldBe(6);
    }

    [Fact]
    public async Task Query_WhileALoadRuns_ReadsTheLastSnapshot_AndASecondLoadWaitsItsTurn()
    {
        await LoadPipeline.RunAsync(new RunOptions([corpus.Seeds], warehouse.WarehousePath));
        using var load = PerfEvalProcess.Start(["run", "--source", corpus.Folder, "--warehouse", warehouse.WarehousePath]);
        (await load.WaitForErrorLineAsync("files in", Patience)).ShouldBeTrue($"the load starts extracting\n{load.Error}");

        var (queryExit, queryOutput, queryError) = await PerfEvalProcess.RunAsync(
            ["query", "select count(*) as documents from dim_document", "--warehouse", warehouse.WarehousePath, "--format", "csv"]);
        using var second = PerfEvalProcess.Start(["run", "--source", corpus.Seeds, "--warehouse", warehouse.WarehousePath]);
        var waited = await second.WaitForErrorLineAsync("waiting for another process's load", Patience);

        queryExit.ShouldBe(0, queryError);
        queryOutput.Split('\n', StringSplitOptions.TrimEntries)[1].ShouldBeOneOf("5", (5 + corpus.Documents).ToString());
        (await load.WaitAsync(Patience)).ShouldBe(0, load.Error);
        (await second.WaitAsync(Patience)).ShouldBe(0, second.Error);
        waited.ShouldBeTrue($"the second load waits for the first\n{second.Error}");
        warehouse.Count("select count(*) from dim_document").ShouldBe(5 + corpus.Documents);
        warehouse.Count("select count(*) from etl_run where status = 'succeeded'").ShouldBe(3);
    }
}
