using PerfEval.Etl.Extract;
using PerfEval.Etl.Pipeline;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Samples;

/// <summary>
/// End-to-end loads of the five seed reports in samples/ with the real extractor: the issue's
/// "done when". Facts marked <see cref="NeedsRealParser"/> skip while the extractor is the stub
/// (it returns no department), and run once the parser is merged.
/// </summary>
public sealed class SampleLoadFacts : IDisposable
{
    const string NeedsRealParser = "needs the real report parser (the extractor issue); skipped while etl/Extract is a stub";

    readonly TempWarehouse warehouse = new();

    public SampleLoadFacts()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples"), "*.txt"))
            File.Copy(file, Path.Combine(warehouse.Inbox, Path.GetFileName(file)));
    }

    public void Dispose() => warehouse.Dispose();

    RunOptions Options => new([warehouse.Inbox], warehouse.WarehousePath);

    static bool ParserIsStub()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "004_d0ca102cc6e404c6.txt");
        return Extractor.Extract(File.ReadAllBytes(sample), sample).Department?.Name is null;
    }

    [SkippableFact]
    public async Task Run_Samples_GivesFiveCurrentEvaluationsOfFiveDepartments()
    {
        Skip.If(ParserIsStub(), NeedsRealParser);

        var summary = await LoadPipeline.RunAsync(Options);

        summary.DocumentsNew.ShouldBe(5);
        summary.DocumentsRejected.ShouldBe(0);
        warehouse.Count("select count(*) from dim_document").ShouldBe(5);
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(5);
        warehouse.Count("select count(*) from dim_department").ShouldBe(5);
    }

    [Fact]
    public async Task Run_SamplesSecondTime_AddsNothing()
    {
        var first = await LoadPipeline.RunAsync(Options);

        var second = await LoadPipeline.RunAsync(Options);

        first.DocumentsNew.ShouldBe(5);
        second.DocumentsNew.ShouldBe(0);
        second.DocumentsUnchanged.ShouldBe(5);
        second.RowsPerTable.ShouldBe(first.RowsPerTable);
    }

    [SkippableFact]
    public async Task Run_EditedSample_SupersedesAndKeepsHistory()
    {
        Skip.If(ParserIsStub(), NeedsRealParser);
        await LoadPipeline.RunAsync(Options);

        File.AppendAllText(Path.Combine(warehouse.Inbox, "004_d0ca102cc6e404c6.txt"), "\n");
        var summary = await LoadPipeline.RunAsync(Options);

        summary.DocumentsNew.ShouldBe(1);
        warehouse.Count("select count(*) from dim_document").ShouldBe(6);
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBe(5);
        warehouse.Count("select count(*) from fct_evaluation where not is_current").ShouldBe(1);
    }

    [SkippableFact]
    public async Task Run_Samples_TianheHasOneDepartmentIdentity()
    {
        Skip.If(ParserIsStub(), NeedsRealParser);

        await LoadPipeline.RunAsync(Options);

        warehouse.Query<(string City, string District, string Level, string OrgType)>(
            "select city, district, level, org_type from dim_department where name = '广州市天河区工商业联合会'")
            .ShouldHaveSingleItem().ShouldBe(("广州市", "天河区", "district", "工商业联合会"));
    }

    [SkippableFact]
    public async Task Run_Samples_ProjectReportSpentIsSumOfSubProjects()
    {
        Skip.If(ParserIsStub(), NeedsRealParser);

        await LoadPipeline.RunAsync(Options);

        warehouse.Query<(decimal Budget, decimal Spent)>("select budget_wan, spent_wan from fct_evaluation where report_kind = 'project'")
            .ShouldHaveSingleItem().ShouldBe((88.5m, 64.61m));
    }

    [SkippableFact]
    public async Task Run_Samples_FindsTheIndicatorStatedAsHundredPercent()
    {
        Skip.If(ParserIsStub(), NeedsRealParser);

        await LoadPipeline.RunAsync(Options);

        warehouse.Query<string>("select detail from dq_finding where check_name = 'assert_fct_indicator_result__completion_matches_computed'")
            .ShouldContain(d => d.Contains("走访非公党组织个数", StringComparison.Ordinal));
    }
}
