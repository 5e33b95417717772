namespace PerfEval.Tests.Extract.Rules;

public sealed class BudgetRulesFacts
{
    [Fact]
    public void Parse_SummarySentence_ReadsBudgetSpentAndRate()
    {
        var e = RuleTest.Parse("广州市工商业联合会 2022 年部门 整体支出绩效自评报告", "2022 年，广州市工商联全年预算数 5563.49 万元，支出数 5563.49 万元，执行率为 100%。");

        e.Budget.BudgetWan.ShouldBe(5563.49m);
        e.Budget.SpentWan.ShouldBe(5563.49m);
        e.Budget.ExecutionRatePct.ShouldBe(100m);
    }

    [Fact]
    public void Parse_BudgetAndFinalAccountsWording_ReadsBoth()
    {
        var e = RuleTest.Department("我单位全年预算支出为 563.34 万元，决算支出为 563.20 万元，支出率高达 99.98%。");

        e.Budget.BudgetWan.ShouldBe(563.34m);
        e.Budget.SpentWan.ShouldBe(563.2m);
        e.Budget.ExecutionRatePct.ShouldBe(99.98m);
    }

    [Fact]
    public void Parse_ThousandsSeparatorsAndInitialBudget_ReadsAll()
    {
        var e = RuleTest.Department("2023年部门年初预算数为12,345.67万元，调整后预算数为13,000万元，实际支出12,800.5万元，预算执行率为98.47%。");

        e.Budget.InitialWan.ShouldBe(12345.67m);
        e.Budget.BudgetWan.ShouldBe(13000m);
        e.Budget.SpentWan.ShouldBe(12800.5m);
        e.Budget.ExecutionRatePct.ShouldBe(98.47m);
    }

    [Fact]
    public void Parse_AmountInYuan_ConvertsToWan()
    {
        RuleTest.Department("全年预算数 1234500 元，支出数 1000000 元。").Budget.BudgetWan.ShouldBe(123.45m);
    }

    [Fact]
    public void Parse_TableCellsWithUnitInHeader_ReadsValues()
    {
        var e = RuleTest.Parse(
            "部门整体支出绩效自评表", "单位：万元",
            "部门名称\t广州市天河区工商业联合会\t被评价年度\t2021年",
            "部门 资金 情况\t部门调整预算收入\t422.69\t部门年初预算收入\t526.59\t",
            "\t实际支出数\t422.69\t年度预算调整数\t424.06\t",
            "\t预算完成率\t99.68%\t预算调整率\t19.47%\t");

        e.Budget.InitialWan.ShouldBe(526.59m);
        e.Budget.BudgetWan.ShouldBe(424.06m);
        e.Budget.SpentWan.ShouldBe(422.69m);
        e.Budget.ExecutionRatePct.ShouldBe(99.68m);
        e.Budget.AdjustmentRatePct.ShouldBe(19.47m);
        e.Year.ShouldBe(2021);
    }

    [Fact]
    public void Parse_BareNumberWithoutAnyUnit_IsNotAnAmount()
    {
        RuleTest.Department("全年预算数\t5563.49").Budget.BudgetWan.ShouldBeNull();
    }

    [Theory]
    [InlineData("一般公共预算财政拨款收入 435.27万元，比上年决算数增加 39.25 万元，增长 9.9%。")]
    [InlineData("基本支出 345.34万元，比上年决算数增加 40.2 万元。")]
    [InlineData("本单位编制人数 7 人，联系电话 020-83312345，穗财绩〔2023〕5号。")]
    [InlineData("2021年区工商联工作经费项目年初预算64.94万元，年度预算为39.46万元，预算执行39.46万元，执行率100%。")]
    [InlineData("城市照明设施维护费全年预算数为456万元，实际支出为400.5万元，预算执行率为87.83%。")]
    [InlineData("截至2023年6月30日，全年预算数为2,000万元，累计支出912万元，预算执行率为45.60%。")]
    [InlineData("政府采购预算数为560万元。")]
    [InlineData("采购预算执行率达到95%及以上得3分。")]
    public void Parse_ComponentsGrowthAndProjects_AreNotTheDepartmentBudget(string sentence)
    {
        var e = RuleTest.Department(sentence);

        e.Budget.ShouldSatisfyAllConditions(
            b => b.BudgetWan.ShouldBeNull(), b => b.SpentWan.ShouldBeNull(),
            b => b.ExecutionRatePct.ShouldBeNull(), b => b.InitialWan.ShouldBeNull());
    }

    [Fact]
    public void Parse_ConflictingBudgetsInDifferentPlaces_LeavesNull()
    {
        var e = RuleTest.Department("全年预算数 500 万元。", "经核实，全年预算数 520 万元。");

        e.Budget.BudgetWan.ShouldBeNull();
        e.Warnings.ShouldContain(w => w.Contains("budget.budget_wan"));
    }

    [Fact]
    public void Parse_RateDisagreeingWithAmounts_WarnsButKeepsStatedRate()
    {
        var e = RuleTest.Department("全年预算数 100 万元，支出数 80 万元，执行率为 95%。");

        e.Budget.ExecutionRatePct.ShouldBe(95m);
        e.Warnings.ShouldContain(w => w.Contains("disagrees"));
    }

    [Fact]
    public void Parse_NationalProjectTable_ReadsMoneyBlock()
    {
        var e = RuleTest.Parse(
            "项目支出绩效自评表", "（2022年度）",
            "项目名称\t社区卫生服务能力提升项目",
            "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
            "\t年度资金总额\t200\t180\t165.3\t10\t91.83%\t9.18",
            "总分\t\t\t\t\t\t100\t95.18");

        e.Budget.InitialWan.ShouldBe(200m);
        e.Budget.BudgetWan.ShouldBe(180m);
        e.Budget.SpentWan.ShouldBe(165.3m);
        e.Budget.ExecutionRatePct.ShouldBe(91.83m);
        e.Score.Total.ShouldBe(95.18m);
    }

    [Fact]
    public void Parse_NationalProjectTableOneCellPerLine_ReadsMoneyBlock()
    {
        var e = RuleTest.Parse(
            "项目支出绩效自评表", "（2022年度）", "项目名称", "社区卫生服务能力提升项目",
            "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
            "年度资金总额", "200", "180", "165.3", "10", "91.83%", "9.18");

        e.Budget.BudgetWan.ShouldBe(180m);
        e.Budget.SpentWan.ShouldBe(165.3m);
        e.ProjectName.ShouldBe("社区卫生服务能力提升项目");
    }

    [Fact]
    public void Parse_MoneyRowWithAMissingCell_IsAmbiguousAndSkipped()
    {
        var e = RuleTest.Parse(
            "项目支出绩效自评表",
            "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
            "年度资金总额", "200", "165.3", "10", "91.83%", "9.18");

        e.Budget.BudgetWan.ShouldBeNull();
        e.Budget.SpentWan.ShouldBeNull();
    }
}

public sealed class NoisyNumberFacts
{
    [Theory]
    [InlineData("自评总分为9O.5分。")]
    [InlineData("自评总分为98.9O分。")]
    [InlineData("自评总分为9 8.94分。")]
    [InlineData("自评总分为98. 94分。")]
    public void Parse_OcrNoiseInScore_LeavesNullWithWarning(string sentence)
    {
        var e = RuleTest.Department(sentence);

        e.Score.Total.ShouldBeNull();
    }

    [Theory]
    [InlineData("全年预算数 5 563.49 万元，支出数 5563.49 万元。")]
    [InlineData("全年预算数 55G3.49 万元。")]
    public void Parse_SplitOrGarbledAmount_IsNotRead(string sentence)
    {
        RuleTest.Department(sentence).Budget.BudgetWan.ShouldBeNull();
    }

    [Fact]
    public void Parse_PipeSeparatedMoneyBlock_ReadsValues()
    {
        var e = RuleTest.Parse(
            "项目支出绩效自评表",
            "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
            "|---|---|---|---|---|---|---|",
            "| 年度资金总额 | 200 | 180 | 165.3 | 10 | 91.83% | 9.18 |");

        e.Budget.BudgetWan.ShouldBe(180m);
        e.Budget.ExecutionRatePct.ShouldBe(91.83m);
        e.Evidence["budget.budget_wan"].Quote.ShouldBe("180");
    }
}
