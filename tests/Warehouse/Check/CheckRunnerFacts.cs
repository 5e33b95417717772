using PerfEval.Etl.Check;
using PerfEval.Etl.Transform;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Check;

/// <summary>Each assert_* check, with a document that must trip it and one that must not.</summary>
public sealed class CheckRunnerFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    static ReportBuilder Report(string name = "广州市天河区工商业联合会", int year = 2021) =>
        ReportBuilder.Department(name, year, district: "天河区");

    /// <summary>Loads a tripping and a passing report, and returns the documents the check found.</summary>
    async Task<List<string>> FindingsAsync(string check, Func<ReportBuilder, ReportBuilder> trips, Func<ReportBuilder, ReportBuilder> passes)
    {
        warehouse.AddReport("trips.txt", "trips", () => trips(Report("广州市天河区工商业联合会")).Build());
        warehouse.AddReport("passes.txt", "passes", () => passes(Report("广州市海珠区工商业联合会")).Build());
        await warehouse.RunAsync();
        return warehouse.Query<string>(
            $"select regexp_extract(d.source, '[^/\\\\]+$') from dq_finding f join dim_document d using (document_id) where f.check_name = '{check}' order by 1");
    }

    [Fact]
    public void Checks_AreTheSevenOfTheIssue_NamedByTableAndRule()
    {
        CheckRunner.Checks.Select(c => c.Name).ShouldBe([
            "assert_dim_document__one_current_per_department_year_kind",
            "assert_fct_deduction__matches_max_minus_score",
            "assert_fct_evaluation__execution_rate_matches_computed",
            "assert_fct_evaluation__parts_add_up_to_total",
            "assert_fct_evaluation__score_between_0_and_100",
            "assert_fct_indicator_result__completion_matches_computed",
            "assert_fct_project_budget__sub_budgets_add_up",
        ]);
        CheckRunner.Get("assert_fct_evaluation__parts_add_up_to_total").Table.ShouldBe("fct_evaluation");
    }

    [Fact]
    public void ReadNoReport_TheChecksReadTablesOnly_SoALoadRunsThemBesideTheReports()
    {
        CheckRunner.ReadNoReport(ModelRunner.Models).ShouldBeTrue("the checks run as soon as the dim_ and fct_ tables are built");
        var readsAReport = new DataCheck("assert_rpt_scores__ranked", "rpt_scores", "ranked", "select document_id, 'unranked' as detail from rpt_scores__data where rank_in_group is null");
        CheckRunner.ReadNoReport(ModelRunner.Models, [.. CheckRunner.Checks, readsAReport]).ShouldBeFalse("a check over a report waits for the reports");
    }

    [Theory]
    [InlineData(100.5)]
    [InlineData(-1)]
    public async Task ScoreBetween0And100_ScoreOutsideRange_IsFound(decimal score)
    {
        var found = await FindingsAsync("assert_fct_evaluation__score_between_0_and_100",
            trips: r => r.Score(score),
            passes: r => r.Score(100, ("履职效能", 50, 50), ("管理效率", 50, 50)));

        found.ShouldBe(["trips.txt"]);
    }

    [Fact]
    public async Task PartsAddUpToTotal_PartsDisagreeWithTotal_IsFound()
    {
        var found = await FindingsAsync("assert_fct_evaluation__parts_add_up_to_total",
            trips: r => r.Score(98, ("履职效能", 50, 49.94m), ("管理效率", 50, 49)),
            passes: r => r.Score(98.94m, ("履职效能", 50, 49.94m), ("管理效率", 50, 49)));

        found.ShouldBe(["trips.txt"]);
    }

    [Fact]
    public async Task ExecutionRateMatchesComputed_StatedRateDisagreesWithSpentOverBudget_IsFound()
    {
        var found = await FindingsAsync("assert_fct_evaluation__execution_rate_matches_computed",
            trips: r => r.Budget(100, 80, 90),
            passes: r => r.Budget(424.06m, 422.69m, 99.68m));

        found.ShouldBe(["trips.txt"]);
    }

    [Fact]
    public async Task CompletionMatchesComputed_TwelveOfTenStatedAsHundredPercent_IsFound()
    {
        var found = await FindingsAsync("assert_fct_indicator_result__completion_matches_computed",
            trips: r => r.Indicator("走访非公党组织个数", 10, 12, 100),
            passes: r => r.Indicator("举办活动次数", 4, 6, 150).Indicator("走访基层商会数", 23, 31, 135));

        found.ShouldBe(["trips.txt"]);
        warehouse.Query<string>("select detail from dq_finding").ShouldBe(["走访非公党组织个数: completion_pct 100 stated, actual 12 ÷ target 10 = 120"]);
    }

    [Fact]
    public async Task DeductionMatchesMaxMinusScore_SectionDeductionsDisagreeWithPartScore_IsFound()
    {
        var found = await FindingsAsync("assert_fct_deduction__matches_max_minus_score",
            trips: r => r.Score(99.44m, ("履职效能", 50, 49.94m), ("管理效率", 50, 49.5m)).Deduction("履职效能", "部门预算资金支出率", 10, 0.5m),
            passes: r => r.Score(98.94m, ("履职效能", 50, 49.94m), ("管理效率", 50, 49)).Deduction("履职效能", "部门预算资金支出率", 10, 0.06m).Deduction("管理效率", "预决算公开合规性", 2, 1));

        found.ShouldBe(["trips.txt"]);
    }

    [Fact]
    public async Task DeductionMatchesMaxMinusScore_DeductionDisagreesWithItsScoringRow_IsFound()
    {
        var found = await FindingsAsync("assert_fct_deduction__matches_max_minus_score",
            trips: r => r.Indicator("预算执行率", null, null, null, max: 10, score: 9).Deduction("履职效能", "预算执行率", 10, 0.5m),
            passes: r => r.Indicator("预算执行率", null, null, null, max: 10, score: 9).Deduction("履职效能", "预算执行率", 10, 1));

        found.ShouldBe(["trips.txt"]);
    }

    [Fact]
    public async Task SubBudgetsAddUp_SubProjectBudgetsDisagreeWithProjectBudget_IsFound()
    {
        warehouse.AddReport("trips.txt", "trips", () => ReportBuilder.Project("江门市工商业联合会", "工商界联络建设经费", 2021)
            .Budget(88.5m, null).SubProject("商会建设工作经费", 10, 10).SubProject("企业家培训费", 18, 17.97m).Build());
        warehouse.AddReport("passes.txt", "passes", Seeds.Seed003);
        await warehouse.RunAsync();

        warehouse.Query<string>(
            "select regexp_extract(d.source, '[^/\\\\]+$') from dq_finding f join dim_document d using (document_id) where f.check_name = 'assert_fct_project_budget__sub_budgets_add_up'")
            .ShouldBe(["trips.txt"]);
    }

    [Fact]
    public async Task OneCurrentPerDepartmentYearKind_TwoCurrentVersions_AreFound()
    {
        warehouse.AddReport("v1.txt", "version 1", () => Report().Score(97).Build());
        await warehouse.RunAsync();
        warehouse.AddReport("v2.txt", "version 2", () => Report().Score(98).Build());
        await warehouse.RunAsync();
        const string check = "assert_dim_document__one_current_per_department_year_kind";
        using var connection = warehouse.Open();
        (await CheckRunner.QueryAsync(connection, check)).ShouldBeEmpty("the load keeps one current version");

        warehouse.Execute("update dim_document set is_current = true");

        (await CheckRunner.QueryAsync(connection, check)).Select(f => f.DocumentId)
            .ShouldBe(warehouse.Query<long?>("select document_id from dim_document"), ignoreOrder: true);
    }

    [Fact]
    public async Task Findings_DoNotStopTheLoad_AndAreCountedInTheRun()
    {
        warehouse.AddReport("trips.txt", "trips", () => Report().Score(120).Budget(100, 80, 90).Build());

        var summary = await warehouse.RunAsync();

        summary.Status.ShouldBe("succeeded");
        summary.Findings.ShouldBe(2);
        warehouse.Count("select findings from etl_run").ShouldBe(2);
        warehouse.Count("select count(*) from fct_evaluation").ShouldBe(1);
    }
}
