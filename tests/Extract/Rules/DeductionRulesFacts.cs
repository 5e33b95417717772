namespace PerfEval.Tests.Extract.Rules;

public sealed class DeductionRulesFacts
{
    [Fact]
    public void Parse_ProseDeductions_ReadSectionIndicatorMaxPointsReasonAndCauses()
    {
        var e = RuleTest.Department(
            "扣分项主要是：一是履职效能版块--部门预算资金支出率，分值为10分，由于4月及7月未达序时支出进度，扣0.06分；二是管理效率版块--信息公开--预决算公开合规性，分值为2分，在预决算公开专项检查中发现问题，扣 1 分。");

        e.Deductions.Count.ShouldBe(2);
        e.Deductions[0].ShouldSatisfyAllConditions(
            d => d.Section.ShouldBe("履职效能"), d => d.Indicator.ShouldBe("部门预算资金支出率"),
            d => d.MaxPoints.ShouldBe(10m), d => d.Points.ShouldBe(0.06m),
            d => d.Reason.ShouldBe("由于4月及7月未达序时支出进度"), d => d.Causes.ShouldContain("spending_pace"));
        e.Deductions[1].ShouldSatisfyAllConditions(
            d => d.Section.ShouldBe("管理效率"), d => d.Indicator.ShouldBe("预决算公开合规性"),
            d => d.Points.ShouldBe(1m), d => d.Causes.ShouldContain("disclosure"));
    }

    [Fact]
    public void Parse_DeductionRepeatedInProblems_IsKeptOnce()
    {
        var e = RuleTest.Department(
            "扣分项主要是：一是履职效能版块--部门预算资金支出率，分值为10分，由于未达序时支出进度，扣0.06分。",
            "三、存在的主要问题",
            "履职效能版块--部门预算资金支出率，由于未达序时支出进度，扣 0.06 分。");

        e.Deductions.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("评分标准：不合格各扣2分。")]
    [InlineData("每发现一次未公开的情况扣1分，扣完为止。")]
    [InlineData("未按规定时间公开的，扣1分。")]
    [InlineData("有则得满分，否则酌情扣分。")]
    public void Parse_ScoringRules_AreNotDeductions(string sentence)
    {
        RuleTest.Department(sentence).Deductions.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_IndicatorBeforeDeductionAndReasonAfter_ReadsBoth()
    {
        var e = RuleTest.Department("扣分情况：部门预算资金支出率指标扣0.5分，主要原因是部分项目因疫情延期实施。");

        var d = e.Deductions.ShouldHaveSingleItem();
        d.Indicator.ShouldBe("部门预算资金支出率");
        d.Points.ShouldBe(0.5m);
        d.Reason.ShouldBe("部分项目因疫情延期实施");
        d.Causes.ShouldBe(["spending_pace", "epidemic"], ignoreOrder: true);
    }

    [Fact]
    public void Parse_ScoringTableRowBelowMax_IsADeduction()
    {
        var e = RuleTest.Parse("项目支出绩效自评表",
            "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "\t产出指标\t质量指标\t培训合格率\t≥95%\t90%\t10\t8\t部分学员因疫情未能按时参加考核");

        var d = e.Deductions.ShouldHaveSingleItem();
        d.ShouldSatisfyAllConditions(
            x => x.Indicator.ShouldBe("培训合格率"), x => x.MaxPoints.ShouldBe(10m), x => x.Points.ShouldBe(2m),
            x => x.Section.ShouldBe("产出指标"), x => x.Causes.ShouldContain("epidemic"));
    }
}
