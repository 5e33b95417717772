using PerfEval.Etl.Pipeline;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Robust;

/// <summary>
/// A load killed with SIGKILL at any point (power-cut style: no rollback, no finally) leaves the published
/// warehouse exactly as it was before that load, and the next run completes normally.
/// </summary>
[Collection(ChildProcessLoads.Name)]
public sealed class KillFacts(LoadCorpus corpus) : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    string[] RunArgs => ["run", "--source", corpus.Folder, "--warehouse", warehouse.WarehousePath];

    /// <summary>
    /// Kill points: by time at the start, then by the progress lines the load prints on stderr (a point in time would
    /// come after the end of the load on a fast machine).
    /// </summary>
    static readonly (string Point, Func<PerfEvalProcess, Task<bool>> Reached)[] KillPoints =
    [
        ("0.3 s in (starting up, taking the lock, copying the snapshot)", p => AfterAsync(p, 0.3)),
        ("after the first 500 files (extracting and staging)", p => p.WaitForErrorLineAsync("extract: 500/", Patience)),
        ("after staging (building the models)", p => p.WaitForErrorLineAsync("stage:", Patience)),
        ("after the build (checking)", p => p.WaitForErrorLineAsync("transform:", Patience)),
        ("at the final commit", p => p.WaitForErrorLineAsync("commit:", Patience)),
    ];

    static async Task<bool> AfterAsync(PerfEvalProcess process, double seconds)
    {
        var wait = TimeSpan.FromSeconds(seconds) - process.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        return !process.HasExited;
    }

    [Fact]
    public async Task Run_KilledAtAnyPoint_LeavesTheWarehouseAsBeforeAndTheNextRunCompletes()
    {
        await LoadPipeline.RunAsync(new RunOptions([corpus.Seeds], warehouse.WarehousePath));
        var before = warehouse.Snapshot();
        var published = 0;

        foreach (var (point, reached) in KillPoints)
        {
            using var load = PerfEvalProcess.Start(RunArgs);
            (await reached(load)).ShouldBeTrue($"the load ended before the kill point '{point}': make the corpus bigger\n{load.Error}");
            load.Kill();

            if (load.Error.Contains("publish:", StringComparison.Ordinal) || warehouse.Count("select count(*) from etl_run") > before["etl_run"].Count)
            {
                // The kill landed after the rename (perhaps before the "publish:" line reached us): the load had completed,
                // and the warehouse is the new snapshot, whole.
                warehouse.Count("select count(*) from dim_document").ShouldBe(5 + corpus.Documents, $"a published load is whole ({point})");
                warehouse.Count("select count(*) from etl_run where status <> 'succeeded'").ShouldBe(0);
                published++;
                before = warehouse.Snapshot();
                continue;
            }
            warehouse.ShouldMatchSnapshot(before, [], $"after a kill {point}");
        }

        var (exitCode, output, error) = await PerfEvalProcess.RunAsync(RunArgs, Patience);
        exitCode.ShouldBe(0, error);
        output.ShouldContain("succeeded");
        warehouse.Count("select count(*) from dim_document").ShouldBe(5 + corpus.Documents);
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(5);
        warehouse.Count("select count(*) from etl_run").ShouldBe(2 + published, "killed runs leave no trace");
        warehouse.Count("select count(*) from etl_run where status <> 'succeeded'").ShouldBe(0);
        File.Exists(warehouse.WarehousePath + ".loading").ShouldBeFalse("the next run removes what a killed one left behind");
    }
}
