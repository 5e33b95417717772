using Dapper;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Warehouse;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Pipeline;

/// <summary>Whole loads into real DuckDB files, over hand-written extracts.</summary>
public sealed class LoadPipelineFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task Run_FiveReports_LoadsOneEvaluationPerDocument()
    {
        Seeds.AddAll(warehouse);

        var summary = await warehouse.RunAsync();

        summary.Status.ShouldBe(RunSummary.Succeeded);
        summary.DocumentsSeen.ShouldBe(5);
        summary.DocumentsNew.ShouldBe(5);
        summary.DocumentsUnchanged.ShouldBe(0);
        summary.DocumentsRejected.ShouldBe(0);
        warehouse.Count("select count(*) from dim_document").ShouldBe(5);
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(5);
        warehouse.Count("select count(*) from dim_department").ShouldBe(5);
        warehouse.Count("select count(*) from dim_year").ShouldBe(3);
        warehouse.Count("select count(*) from dim_cause").ShouldBe(8);
        warehouse.Count("select count(*) from fct_deduction").ShouldBe(2);
        warehouse.Count("select count(*) from fct_problem_cause").ShouldBe(3);
        summary.RowsPerTable["fct_evaluation"].ShouldBe(5);
        warehouse.Count("select count(*) from etl_run where status = 'succeeded' and documents_new = 5").ShouldBe(1);
    }

    [Fact]
    public async Task Run_SecondTime_AddsNothing()
    {
        Seeds.AddAll(warehouse);
        var first = await warehouse.RunAsync();
        // etl_source_file may record the files again: written just before the first run, they were too fresh to trust.
        var before = warehouse.Snapshot(except: ["etl_run", "dq_finding", "etl_source_file"]);
        var parsed = warehouse.ExtractCalls;

        var second = await warehouse.RunAsync();

        second.DocumentsNew.ShouldBe(0);
        second.DocumentsUnchanged.ShouldBe(5);
        warehouse.ExtractCalls.ShouldBe(parsed, "an unchanged document must not be parsed again");
        second.RowsPerTable.ShouldBe(first.RowsPerTable);
        warehouse.ShouldMatchSnapshot(before, except: ["etl_run", "dq_finding", "etl_source_file"]);
        warehouse.Count("select count(*) from etl_run").ShouldBe(2);
    }

    [Fact]
    public async Task Run_NothingNew_KeepsTheDerivedTablesWithoutRebuilding()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();
        var stages = new List<string>();

        var second = await warehouse.RunAsync(afterStage: stages.Add);

        stages.ShouldBe(["staged", "committed"]); // no transform, no checks: they would give the same tables
        ((long)second.Findings).ShouldBe(warehouse.Count("select count(*) from dq_finding"));

        warehouse.AddReport("000.txt", "seed 000, corrected", () =>
        {
            var corrected = Seeds.Seed000();
            corrected.Score.Total = 98.95m;
            return corrected;
        });
        stages.Clear();
        await warehouse.RunAsync(afterStage: stages.Add);
        stages.ShouldBe(["staged", "transformed", "checked", "committed"]);
    }

    [Fact]
    public async Task Run_EditedReport_SupersedesAndKeepsHistory()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();
        var original = warehouse.Count("select document_id from dim_document where source like '%000.txt'");

        warehouse.AddReport("000.txt", "seed 000, corrected", () =>
        {
            var corrected = Seeds.Seed000();
            corrected.Score.Total = 98.95m;
            return corrected;
        });
        var summary = await warehouse.RunAsync();

        summary.DocumentsNew.ShouldBe(1);
        summary.DocumentsUnchanged.ShouldBe(4);
        warehouse.Count("select count(*) from dim_document").ShouldBe(6);
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(5);
        warehouse.Count("select count(*) from fct_evaluation where not is_current").ShouldBe(1);
        warehouse.Count("select count(*) from dim_department").ShouldBe(5);
        warehouse.Count($"select count(*) from dim_document where document_id = {original} and not is_current and superseded_by_document_id is not null").ShouldBe(1);
        warehouse.Count("select count(*) from fct_evaluation where is_current and total_score = 98.95").ShouldBe(1);
        warehouse.Count("select count(*) from fct_deduction where is_current").ShouldBe(2);
        warehouse.Count("select count(*) from fct_deduction").ShouldBe(4, "the superseded report's deductions stay in history");
    }

    [Theory]
    [InlineData("staged")]
    [InlineData("transformed")]
    [InlineData("checked")]
    public async Task Run_FaultMidRun_LeavesWarehouseAsBefore(string failingStage)
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();
        var before = warehouse.Snapshot(except: "etl_run");
        var runsBefore = warehouse.Query<string>("select t::varchar from etl_run as t");
        warehouse.AddReport("005.txt", "new report", () => ReportBuilder.Department("广州市海珠区工商业联合会", 2022, district: "海珠区").Score(97).Build());

        var fault = await Should.ThrowAsync<InvalidOperationException>(() =>
            warehouse.RunAsync(afterStage: stage => { if (stage == failingStage) throw new InvalidOperationException("injected fault"); }));

        fault.Message.ShouldBe("injected fault");
        warehouse.ShouldMatchSnapshot(before, except: ["etl_run"]);
        // The only trace of the failed run is its own row in the run history.
        warehouse.Query<string>("select t::varchar from etl_run as t where status <> 'failed'").ShouldBe(runsBefore);
        warehouse.Count("select count(*) from etl_run where status = 'failed' and error = 'injected fault' and run_id = 2").ShouldBe(1);
    }

    [Fact]
    public async Task Run_FaultAfterCommitBeforePublish_PublishesNothing()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();
        var before = warehouse.Snapshot();
        warehouse.AddReport("005.txt", "new report", () => ReportBuilder.Department("广州市海珠区工商业联合会", 2022, district: "海珠区").Score(97).Build());

        await Should.ThrowAsync<InvalidOperationException>(() =>
            warehouse.RunAsync(afterStage: stage => { if (stage == "committed") throw new InvalidOperationException("injected fault"); }));

        warehouse.ShouldMatchSnapshot(before, except: [], when: "after a fault between commit and publish");
        File.Exists(warehouse.WarehousePath + ".loading").ShouldBeFalse("the unpublished working copy is discarded");
        (await warehouse.RunAsync()).DocumentsNew.ShouldBe(1);
    }

    [Fact]
    public async Task Run_WhileAReaderHoldsTheWarehouse_PublishesAndTheReaderKeepsItsSnapshot()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();
        using var reader = new WarehouseFile(warehouse.WarehousePath).OpenReadOnly();
        warehouse.AddReport("005.txt", "new report", () => ReportBuilder.Department("广州市海珠区工商业联合会", 2022, district: "海珠区").Score(97).Build());

        var summary = await warehouse.RunAsync();

        summary.DocumentsNew.ShouldBe(1);
        reader.ExecuteScalar<long>("select count(*) from dim_document").ShouldBe(5, "an open reader keeps the snapshot it opened");
        reader.Close();
        using var next = new WarehouseFile(warehouse.WarehousePath).OpenReadOnly();
        next.ExecuteScalar<long>("select count(*) from dim_document").ShouldBe(6);
    }

    [Fact]
    public async Task Run_DeletesTheSpillFoldersOfAKilledLoad_AndLeavesNoWorkingFilesBehind()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync();
        // What a load killed while DuckDB had spilled leaves: its folder is named with the process.
        var spill = Path.Combine(Path.GetDirectoryName(warehouse.WarehousePath)!, "warehouse.duckdb.loading.tmp.99999");
        Directory.CreateDirectory(spill);
        File.WriteAllText(Path.Combine(spill, "duckdb_temp_storage_S32K-0.tmp"), "spilled");
        warehouse.AddReport("005.txt", "new report", () => ReportBuilder.Department("广州市海珠区工商业联合会", 2022, district: "海珠区").Score(97).Build());

        (await warehouse.RunAsync()).DocumentsNew.ShouldBe(1);

        Directory.Exists(spill).ShouldBeFalse();
        Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(warehouse.WarehousePath)!).Select(Path.GetFileName)
            .Where(name => name!.Contains(".loading", StringComparison.Ordinal)).ShouldBeEmpty("the working copy was published, not left behind");
        // The published file opens at once: the load's DuckDB instance let go of it before the rename.
        using var reader = new WarehouseFile(warehouse.WarehousePath).OpenReadOnly();
        reader.ExecuteScalar<long>("select count(*) from dim_document").ShouldBe(6);
    }

    [Fact]
    public async Task Run_AfterAFailedRun_LoadsWhatTheFailedRunDidNot()
    {
        Seeds.AddAll(warehouse);
        await Should.ThrowAsync<InvalidOperationException>(() => warehouse.RunAsync(afterStage: _ => throw new InvalidOperationException("injected fault")));
        warehouse.Count("select count(*) from stg_document").ShouldBe(0);

        var summary = await warehouse.RunAsync();

        summary.DocumentsNew.ShouldBe(5);
        summary.RunId.ShouldBe(2);
        warehouse.Count("select count(*) from fct_evaluation").ShouldBe(5);
    }

    [Fact]
    public async Task Run_ExtractorVersionChanges_ReextractsEveryDocument()
    {
        Seeds.AddAll(warehouse);
        await warehouse.RunAsync(extractorVersion: "1.0.0");
        var ids = warehouse.Query<long>("select document_id from dim_document order by 1");

        var summary = await warehouse.RunAsync(extractorVersion: "2.0.0");

        summary.DocumentsReextracted.ShouldBe(5);
        summary.DocumentsNew.ShouldBe(0);
        summary.DocumentsUnchanged.ShouldBe(0);
        warehouse.ExtractCalls.ShouldBe(10);
        warehouse.Query<long>("select document_id from dim_document order by 1").ShouldBe(ids);
        warehouse.Count("select count(*) from stg_document where extractor_version = '2.0.0' and run_id = 2").ShouldBe(5);
        warehouse.Count("select count(*) from stg_deduction").ShouldBe(2, "the older extract's rows are replaced, not duplicated");
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(5);
    }

    [Fact]
    public async Task Run_RejectedDocument_IsRecordedWithItsReason()
    {
        Seeds.AddAll(warehouse);
        warehouse.AddReport("broken.txt", "not a report at all", () => ReportBuilder.Rejected("no report title found"));

        var summary = await warehouse.RunAsync();

        summary.DocumentsRejected.ShouldBe(1);
        summary.RejectedReasons.ShouldHaveSingleItem().ShouldEndWith("broken.txt: no report title found");
        warehouse.Count("select count(*) from dim_document where status = 'rejected' and error = 'no report title found' and not is_current").ShouldBe(1);
        warehouse.Count("select count(*) from fct_evaluation").ShouldBe(5);
    }

    [Fact]
    public async Task Run_ExtractorThrows_RejectsThatDocumentOnly()
    {
        Seeds.AddAll(warehouse);
        warehouse.AddReport("bug.txt", "parser bug", () => throw new FormatException("bad table"));

        var summary = await warehouse.RunAsync();

        summary.Status.ShouldBe(RunSummary.Succeeded);
        summary.DocumentsRejected.ShouldBe(1);
        warehouse.Count("select count(*) from dim_document where status = 'rejected' and error = 'extractor error: FormatException: bad table'").ShouldBe(1);
        warehouse.Count("select count(*) from fct_evaluation").ShouldBe(5);
    }

    [Fact]
    public async Task Run_SameBytesInTwoFiles_LoadsOneDocument()
    {
        Seeds.AddAll(warehouse);
        File.Copy(Path.Combine(warehouse.Inbox, "001.txt"), Path.Combine(warehouse.Inbox, "copy-of-001.txt"));

        var summary = await warehouse.RunAsync();

        summary.DocumentsSeen.ShouldBe(5);
        summary.DuplicateFiles.ShouldBe(1);
        warehouse.Count("select count(*) from dim_document").ShouldBe(5);
    }

    [Fact]
    public async Task Run_ProjectReportWithoutStatedSpent_SumsSubProjectActuals()
    {
        warehouse.AddReport("003.txt", "seed 003", Seeds.Seed003);

        await warehouse.RunAsync();

        var row = warehouse.Query<(decimal? Spent, string Source, decimal? Rate, decimal? Stated)>(
            "select spent_wan, spent_source, execution_rate_computed_pct, spent_wan_stated from fct_evaluation").ShouldHaveSingleItem();
        row.Spent.ShouldBe(64.61m);
        row.Source.ShouldBe("sum_of_sub_projects");
        row.Rate.ShouldBe(73.01m);
        row.Stated.ShouldBeNull();
        warehouse.Count("select count(*) from dim_project where is_sub_project and parent_project_id is not null").ShouldBe(10);
        warehouse.Count("select count(*) from fct_project_budget where not is_sub_project and spent_wan = 64.61 and budget_wan = 88.5").ShouldBe(1);
    }

    [Fact]
    public async Task Run_ProjectReportListingItsOwnProject_DoesNotMakeItItsOwnParent()
    {
        warehouse.AddReport("003.txt", "seed 003", () =>
        {
            var report = Seeds.Seed003();
            report.Projects.Insert(0, new ProjectRow { Name = "工商界联络建设经费", BudgetWan = 88.5m });
            return report;
        });

        await warehouse.RunAsync();

        warehouse.Count("select count(*) from dim_project where parent_project_id = project_id").ShouldBe(0);
        warehouse.Count("select count(*) from dim_project where is_sub_project").ShouldBe(10);
        warehouse.Count("select count(*) from dq_finding").ShouldBe(0);
        warehouse.Count("select spent_wan * 100 from fct_evaluation").ShouldBe(6461);
    }

    [Fact]
    public async Task Run_SameDepartmentInTwoYears_HasOneIdentity()
    {
        warehouse.AddReport("a.txt", "tianhe 2021", () => ReportBuilder.Department("广州市天河区工商业联合会", 2021, district: "天河区").Score(95).Build());
        warehouse.AddReport("b.txt", "tianhe 2022", () => ReportBuilder.Department("广州市天河区 工商业联合会", 2022, district: "天河区").Score(96).Build());

        await warehouse.RunAsync();

        var department = warehouse.Query<(string Name, string City, string District, string Level, string OrgType)>(
            "select name, city, district, level, org_type from dim_department").ShouldHaveSingleItem();
        department.ShouldBe(("广州市天河区工商业联合会", "广州市", "天河区", "district", "工商业联合会"));
        warehouse.Count("select count(distinct department_id) from fct_evaluation where is_current").ShouldBe(1);
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(2);
    }

    [Fact]
    public async Task Run_ComputedExecutionRate_SitsBesideStatedOne()
    {
        Seeds.AddAll(warehouse);

        await warehouse.RunAsync();

        warehouse.Query<(decimal Stated, decimal Computed)>(
            "select execution_rate_pct, execution_rate_computed_pct from fct_evaluation e join dim_department d using (department_id) where d.district = '天河区'")
            .ShouldHaveSingleItem().ShouldBe((99.68m, 99.68m));
    }

    [Fact]
    public async Task Run_ManyDocumentsInSmallBatches_StagesEveryOne()
    {
        for (var i = 0; i < 1200; i++)
        {
            var n = i;
            warehouse.AddReport($"batch/{n / 100:00}/{n:0000}.txt", $"report {n}", () => ReportBuilder.Department($"测试单位{n % 40}", 2000 + n / 40).Score(90).Deduction("履职效能", "支出率", 10, 1, "spending_pace").Build());
        }

        var summary = await warehouse.RunAsync(batchSize: 100);

        summary.DocumentsNew.ShouldBe(1200);
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(1200);
        warehouse.Count("select count(*) from fct_deduction").ShouldBe(1200);
        warehouse.Count("select count(*) from dim_department").ShouldBe(40);
        warehouse.Count("select count(distinct document_id) from dim_document").ShouldBe(1200);
    }

    [Fact]
    public async Task Run_TwoLoadsAtOnceInOneProcess_RunOneAfterTheOther()
    {
        Seeds.AddAll(warehouse);

        var runs = await Task.WhenAll(warehouse.RunAsync(), warehouse.RunAsync());

        runs.Select(r => r.RunId).ShouldBe([1L, 2L], ignoreOrder: true);
        runs.Sum(r => r.DocumentsNew).ShouldBe(5);
        warehouse.Count("select count(*) from dim_document").ShouldBe(5);
    }

    [Fact]
    public async Task Run_MissingSource_ThrowsBeforeTouchingTheWarehouse()
    {
        var options = new RunOptions([Path.Combine(warehouse.Root, "nowhere")], warehouse.WarehousePath);

        await Should.ThrowAsync<DirectoryNotFoundException>(() => LoadPipeline.RunAsync(options));

        File.Exists(warehouse.WarehousePath).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_ReportsProgress()
    {
        Seeds.AddAll(warehouse);
        var lines = new List<string>();

        await LoadPipeline.RunAsync(warehouse.Options(), new SyncProgress(lines.Add));

        lines.ShouldContain(l => l.StartsWith("run 1: 5 files", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("check:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ToText_SucceededRun_ListsCountsAndRows()
    {
        Seeds.AddAll(warehouse);

        var text = (await warehouse.RunAsync()).ToText();

        text.ShouldStartWith("run 1 succeeded in ");
        text.ShouldContain("documents: 5 seen, 5 new, 0 unchanged, 0 re-extracted, 0 rejected");
        text.ShouldContain("fct_evaluation");
    }

    sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
