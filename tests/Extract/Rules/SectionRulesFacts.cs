namespace PerfEval.Tests.Extract.Rules;

public sealed class SectionRulesFacts
{
    [Fact]
    public void Parse_InlineEnumeratedProblems_OnePerItemWithCauses()
    {
        var e = RuleTest.Department("三、存在的主要问题",
            "一是因疫情影响，部分活动计划受一定影响；二是培训形式单一；三是受疫情形势影响，部分项目计划未能按时开展，导致资金执行率和完成率较低。",
            "四、下一步改进措施", "一是提前筹划准备；二是不断创新；三是合理安排计划和资金。");

        e.Problems.Count.ShouldBe(3);
        e.Problems[1].Text.ShouldBe("培训形式单一");
        e.Problems[2].Causes.ShouldBe(["spending_pace", "epidemic"], ignoreOrder: true);
        e.Measures.Count.ShouldBe(3);
    }

    [Fact]
    public void Parse_ProblemsAndMeasuresAsSubHeadings_SplitCorrectly()
    {
        var e = RuleTest.Department("四、存在问题及建议", "（一）存在问题", "支出进度比序时进度慢。", "(二) 改进措施或有关建议", "加快支出进度。", "五、项目自评结论及得分", "自评得分 98.5 分。");

        e.Problems.ShouldHaveSingleItem().Text.ShouldBe("支出进度比序时进度慢");
        e.Measures.ShouldBe(["加快支出进度"]);
    }

    [Fact]
    public void Parse_ShortNumberedItems_StayInTheirSection_AndSignatureIsNotAMeasure()
    {
        var e = RuleTest.Department("四、下一步改进措施", "1.加强预算编制管理。", "2.细化绩效目标。", "广州市荔湾区财政局", "2023年6月28日");

        e.Measures.ShouldBe(["加强预算编制管理", "细化绩效目标"]);
    }

    [Fact]
    public void Parse_TableCellSections_ReadParagraphItems()
    {
        var e = RuleTest.Department("<p>存在问题</p>\t<p>(一)所属商会内生动力不足。</p> <p>(二)工商联执委委员以上会员企业党组织覆盖率较低。</p>",
            "改进措施或下一步计划\t<p>(一) 创新推进理想信念教育。</p> <p>(二) 推进区非公企业党建工作。</p>");

        e.Problems.Count.ShouldBe(2);
        e.Measures.Count.ShouldBe(2);
    }
}
