using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract.Rules;

public sealed class ScoreRulesFacts
{
    [Theory]
    [InlineData("2023年部门整体支出绩效自评总分为98.94分。", 98.94)]
    [InlineData("我单位绩效自评分值为 99 分。", 99)]
    [InlineData("部门整体支出绩效自评分为 99.5分。", 99.5)]
    [InlineData("自评得分 98.5 分。", 98.5)]
    [InlineData("经综合评价，综合评分为97分。", 97)]
    [InlineData("自评总分(分)97.6", 97.6)]
    [InlineData("自评总分（分）９７．６", 97.6)]
    [InlineData("总分\t100\t95.18", 95.18)]
    public void Parse_TotalInManyWordings_ReadsTotal(string sentence, double expected)
    {
        var e = RuleTest.Department(sentence);

        e.Score.Total.ShouldBe((decimal)expected);
        e.Evidence.ShouldContainKey("score.total");
    }

    [Fact]
    public void Parse_PartScoresAfterTotal_AreNotTheTotal()
    {
        var e = RuleTest.Department("自评总分为98.94分，其中履职效能分值为50分，自评得分为49.94分；管理效率分值为50分，自评得分为49分。");

        e.Score.Total.ShouldBe(98.94m);
        e.Score.Parts.Select(p => (p.Name, p.Max, p.Score)).ShouldBe([("履职效能", 50m, 49.94m), ("管理效率", 50m, 49m)]);
    }

    [Fact]
    public void Parse_PartWithMaxInParentheses_ReadsBoth()
    {
        var e = RuleTest.Department("自评得分为95.6分，其中履职效能得分47.6分（满分50分），管理效率得分48分（满分50分）。");

        e.Score.Total.ShouldBe(95.6m);
        e.Score.Parts[0].ShouldSatisfyAllConditions(p => p.Max.ShouldBe(50m), p => p.Score.ShouldBe(47.6m));
    }

    [Theory]
    [InlineData("自评得分90分以上为优，80-90分为良。")]
    [InlineData("评分标准：自评得分90分（含）以上为优。")]
    public void Parse_ScoringScale_IsNotAScore(string sentence)
    {
        RuleTest.Department(sentence).Score.Total.ShouldBeNull();
    }

    [Fact]
    public void Parse_TwoDifferentTotals_LeavesNullWithWarning()
    {
        var e = RuleTest.Department("自评总分为95分。", "经复核，自评总分为93分。");

        e.Score.Total.ShouldBeNull();
        e.Warnings.ShouldContain(w => w.Contains("score.total"));
    }

    [Theory]
    [InlineData("我单位整体支出绩效自评结果为优。", "优")]
    [InlineData("评价等级为“良好”。", "良")]
    public void Parse_Grade_ReadsGrade(string sentence, string grade)
    {
        RuleTest.Department(sentence).Score.Grade.ShouldBe(grade);
    }

    [Fact]
    public void Parse_GradeScale_IsNotAGrade()
    {
        RuleTest.Department("评价结果分为优、良、中、差四个等级。").Score.Grade.ShouldBeNull();
    }

    [Fact]
    public void Parse_FullWidthDigits_QuoteTheOriginal()
    {
        string[] lines = ["广州市荔湾区财政局2023年度部门整体支出绩效自评报告", "自评总分为９８．９４分。"];
        var e = RuleTest.Parse(lines);

        e.Score.Total.ShouldBe(98.94m);
        e.ShouldQuote("score.total", lines, "９８．９４");
    }
}

public sealed class ScoreTableFacts
{
    [Fact]
    public void Parse_MoneyTotalRowStartingWith100_IsNotAScore()
    {
        var e = RuleTest.Parse("项目支出绩效自评表", "项目资金\t年初预算数\t全年预算数\t全年执行数", "合计\t100\t95\t90");

        e.Score.Total.ShouldBeNull();
    }

    [Fact]
    public void Parse_GradeInTableCell_ReadsGrade()
    {
        RuleTest.Parse("部门整体支出绩效自评表", "自评得分\t96.5\t自评等级\t优").Score.ShouldSatisfyAllConditions(
            s => s.Total.ShouldBe(96.5m), s => s.Grade.ShouldBe("优"));
    }
}

public sealed class ForeignFiguresFacts
{
    [Fact]
    public void Parse_LastYearsResult_IsNotThisYearsScoreOrGrade()
    {
        var e = RuleTest.Department("2022年度，我局部门整体支出绩效自评得分96分，评价等级为优。", "经自评，我局2023年度部门整体支出绩效自评得分为89.5分，评价等级为良。");

        e.Score.Total.ShouldBe(89.5m);
        e.Score.Grade.ShouldBe("良");
    }

    [Fact]
    public void Parse_ProjectScoreInsideDepartmentReport_IsNotTheDepartments()
    {
        var e = RuleTest.Department("1.城市照明维护项目：项目自评总分为96分，评价等级为良。", "经自评，我局部门整体支出绩效自评得分为93分，自评等级为优。");

        e.Score.Total.ShouldBe(93m);
        e.Score.Grade.ShouldBe("优");
    }

    [Fact]
    public void Parse_NextYearsPlanAndYearColumns_AreNotTheBudget()
    {
        var e = RuleTest.Department("2024年，我局年初预算数为10,320.60万元。", "单位：万元", "项目\t2022年\t2023年", "年初预算数\t21,356.80\t22,418.35");

        e.Budget.InitialWan.ShouldBeNull();
    }

    [Fact]
    public void Parse_UnitNoteUnderTheTable_DisagreeingWithTheOneAbove_LeavesAmountsEmpty()
    {
        var e = RuleTest.Department("单位：万元", "三公经费\t12.5", "部门年初预算收入\t3486321.50", "注：表2金额单位为元。");

        e.Budget.InitialWan.ShouldBeNull();
    }
}
