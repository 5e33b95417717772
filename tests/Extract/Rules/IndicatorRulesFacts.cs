namespace PerfEval.Tests.Extract.Rules;

public sealed class IndicatorRulesFacts
{
    [Fact]
    public void Parse_FlattenedRows_ReadTargetActualAndStatedCompletion()
    {
        var e = RuleTest.Department("部门整体支出绩效指标完成情况统计表", "年度目标值 年度实现值", "指标完成率",
            "举办活动次数 4 次 6次 150%", "走访非公党组织个", "数", "10个 12 个 100%", "办公场地装修质量", "达标情况", "合格 合格 100%");

        e.Indicators.Select(i => i.Name).ShouldBe(["举办活动次数", "走访非公党组织个数", "办公场地装修质量达标情况"]);
        var visits = e.Indicators[1];
        visits.ShouldSatisfyAllConditions(
            i => i.TargetValue.ShouldBe(10m), i => i.ActualValue.ShouldBe(12m), i => i.Unit.ShouldBe("个"),
            i => i.CompletionPct.ShouldBe(100m)); // as stated, though 12 ÷ 10 is 120%
        e.Indicators[2].Target.ShouldBe("合格");
        e.Indicators[2].TargetValue.ShouldBeNull();
    }

    [Fact]
    public void Parse_RowWrappedInsideLastCell_IsJoined()
    {
        var e = RuleTest.Department("年度目标值 年度实现值", "租赁场地面积 415.32 平方米 415.32 平方", "米 100%");

        var row = e.Indicators.ShouldHaveSingleItem();
        row.TargetValue.ShouldBe(415.32m);
        row.CompletionPct.ShouldBe(100m);
    }

    [Fact]
    public void Parse_RowsBeforeAnyIndicatorHeader_AreNotIndicators()
    {
        RuleTest.Department("帮扶地区数 1 个 1个 100%").Indicators.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_ProseIndicators_ReadTargetAndActual()
    {
        var e = RuleTest.Department("数量指标： 培训种类(个)，年初值为2个，完成值为2个，完成了培训；时效指标：党建培训学习党组织参与率，年初值为95%，完成值为95%。");

        e.Indicators.Select(i => (i.Name, i.TargetValue, i.ActualValue)).ShouldBe([("培训种类", 2m, 2m), ("党建培训学习党组织参与率", 95m, 95m)]);
        e.Indicators[0].Dimension.ShouldBe("数量指标");
    }

    [Fact]
    public void Parse_TabTableWithMergedCellsDropped_AlignsFromTheRight()
    {
        var e = RuleTest.Parse("项目支出绩效自评表",
            "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "\t产出指标\t数量指标\t开展培训次数\t≥10次\t12次\t10\t10\t无",
            "质量指标\t培训合格率\t≥95%\t96%\t10\t10\t无");

        e.Indicators.Select(i => i.Name).ShouldBe(["开展培训次数", "培训合格率"]);
        e.Indicators[1].ActualValue.ShouldBe(96m);
    }
}
