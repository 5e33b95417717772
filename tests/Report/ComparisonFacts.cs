namespace PerfEval.Tests.Report;

/// <summary>The rpt_ views on a warehouse of several districts, organisation types and years.</summary>
public sealed class ComparisonFacts(DistrictWarehouse fixture) : IClassFixture<DistrictWarehouse>
{
    List<T> Query<T>(string sql) => fixture.Warehouse.Query<T>(sql);

    [Fact]
    public void Scores_RankWithinYearAndOrgType_WithMedianAndCityBenchmark()
    {
        var rows = Query<(string Name, long? Rank, long GroupSize, decimal? Median, decimal? DiffFromMedian, string? Benchmark, decimal? DiffFromBenchmark, bool IsBenchmark)>(
            "select department_name, rank_in_group, group_size, group_median_score, diff_from_median, benchmark_department_name, diff_from_benchmark, is_benchmark " +
            "from rpt_scores where year = 2022 and org_type = '工商业联合会' order by rank_in_group");

        rows.Select(r => (r.Name, r.Rank)).ShouldBe([("广州市天河区工商业联合会", 1L), ("广州市工商业联合会", 2L), ("广州市海珠区工商业联合会", 3L)]);
        rows.ShouldAllBe(r => r.GroupSize == 3 && r.Median == 98m);
        rows[0].DiffFromMedian.ShouldBe(1.5m);
        rows[2].DiffFromMedian.ShouldBe(-2m);
        rows[1].IsBenchmark.ShouldBeTrue();
        rows[1].Benchmark.ShouldBeNull();
        rows[0].Benchmark.ShouldBe("广州市工商业联合会");
        rows[0].DiffFromBenchmark.ShouldBe(1.5m);
        rows[2].DiffFromBenchmark.ShouldBe(-2m);
    }

    [Fact]
    public void Scores_AnotherOrgType_IsItsOwnGroup_WithoutABenchmark()
    {
        var row = Query<(long? Rank, long GroupSize, string? Benchmark)>(
            "select rank_in_group, group_size, benchmark_department_name from rpt_scores where department_name = '广州市天河区教育局'").Single();

        row.ShouldBe((1L, 1L, null));
    }

    [Fact]
    public void Execution_StatedBesideComputed_FlagsDisagreementAndRanks()
    {
        var rows = Query<(string Name, decimal? Stated, decimal? Computed, decimal? Gap, bool IsDisagreement, long? Rank)>(
            "select department_name, execution_rate_pct, execution_rate_computed_pct, execution_rate_gap_pct, is_rate_disagreement, rank_in_year " +
            "from rpt_execution where year = 2022 order by rank_in_year, department_name");

        rows.Select(r => r.Name).ShouldBe(["广州市海珠区工商业联合会", "广州市天河区教育局", "广州市工商业联合会", "广州市天河区工商业联合会"]);
        rows[3].ShouldBe(("广州市天河区工商业联合会", 80m, 75m, 5m, true, 4L));
        rows.Take(3).ShouldAllBe(r => !r.IsDisagreement);
    }

    [Fact]
    public void Causes_CountReportsDepartmentsDeductionsAndProblems_OverAllYearsPerYearAndPerDistrict()
    {
        var all = Query<(string Code, string NameZh, string NameEn, long Reports, long Departments, long Deductions, long Problems, decimal Points, long Rank)>(
            "select cause_code, cause_name_zh, cause_name_en, reports, departments, deductions, problems, points_deducted, rank_in_scope " +
            "from rpt_causes where scope = 'all' order by rank_in_scope, cause_code");

        all[0].ShouldBe(("spending_pace", "支出进度滞后/执行率低", "spending behind schedule or low execution", 3L, 3L, 1L, 3L, 0.5m, 1L));
        all.Select(c => c.Code).ShouldBe(["spending_pace", "disclosure", "epidemic", "other", "target_setting"], ignoreOrder: true);

        var haizhu = Query<string>("select cause_code from rpt_causes where scope = 'district' and district = '海珠区' order by cause_code");
        haizhu.ShouldBe(["disclosure", "epidemic", "other", "spending_pace"]);
        Query<long>("select reports from rpt_causes where scope = 'year' and year = 2023 and cause_code = 'target_setting'").ShouldBe([1L]);
    }

    [Fact]
    public void CauseTexts_MarkTheTextsNoRuleClassified()
    {
        var unclassified = Query<(string Name, string Kind, string Text)>(
            "select department_name, text_kind, text from rpt_cause_texts where is_unclassified");

        unclassified.ShouldBe([("广州市海珠区工商业联合会", "problem", "=HYPERLINK(\"http://x\") 会议费 \"超支\", 需整改")]);
    }

    [Fact]
    public void Yoy_ChangeInScoreAndExecutionRate_BetweenTheYearsPresent()
    {
        var rows = Query<(string Name, int PreviousYear, int Year, decimal? ScoreChange, decimal? RateChange, decimal? ComputedChange)>(
            "select department_name, previous_year, year, score_change, execution_rate_change_pct, execution_rate_computed_change_pct from rpt_yoy order by department_name");

        rows.ShouldBe([("广州市天河区工商业联合会", 2022, 2023, -1m, 18m, 23m), ("广州市工商业联合会", 2022, 2023, -1m, 5m, 5m)], ignoreOrder: true);
    }

    [Fact]
    public void Indicators_FlagFarOverUnderTargetAndDisagreement()
    {
        var rows = Query<(string Name, bool FarOver, bool Under, bool Disagree)>(
            "select indicator_name, is_far_over_target, is_under_target, is_completion_disagreement from rpt_indicators where district = '海珠区' order by indicator_seq");

        rows.ShouldBe([("举办活动次数", true, false, false), ("走访企业数", false, true, false), ("走访商会数", false, false, true)]);
    }

    [Fact]
    public void Flags_HighScoreWithLowExecutionOrUnmetIndicators()
    {
        var rows = Query<(string Name, int Year, bool LowExecution, bool Unmet, string Reason)>(
            "select department_name, year, is_low_execution, has_unmet_indicators, reason from rpt_flags");

        // 海珠区 has an unmet indicator but scored 96: not a high self-score.
        rows.ShouldBe([("广州市天河区工商业联合会", 2022, true, false, "自评99.50分，执行率75.00%低于90%")]);
    }
}
