namespace PerfEval.Tests.Extract.Rules;

public sealed class ProjectRulesFacts
{
    [Fact]
    public void Parse_SubProjectList_ReadsBudgets()
    {
        var e = RuleTest.Parse("项目绩效自评报告", "项目名称：工商界联络建设经费",
            "一级项目工商界联络建设经费 88.5 万元分以下 3 个二级项目：商会建设工作经费 10 万元、对口合作及经贸活动 8 万元和工商联换届大会 8 万元。");

        e.Projects.Select(p => (p.Name, p.BudgetWan)).ShouldBe([("商会建设工作经费", 10m), ("对口合作及经贸活动", 8m), ("工商联换届大会", 8m)]);
        e.Budget.BudgetWan.ShouldBe(88.5m);
    }

    [Fact]
    public void Parse_SpentSharedByTwoItems_IsGivenToNeither()
    {
        var e = RuleTest.Parse("项目绩效自评报告", "项目名称：工商界联络建设经费",
            "7、孤老原工商业者临时生活补助预算 10.8 万元和春节中秋敬老专项预算 2.2 万元，实际支出 9.46 万，主要是补助。",
            "8、工商联换届大会预算 8 万元，实际支出 0 元，由于新冠疫情影响推迟。");

        e.Projects.Single(p => p.Name == "春节中秋敬老专项").SpentWan.ShouldBeNull();
        e.Projects.Single(p => p.Name == "孤老原工商业者临时生活补助").SpentWan.ShouldBeNull();
        e.Projects.Single(p => p.Name == "工商联换届大会").SpentWan.ShouldBe(0m);
        e.Budget.SpentWan.ShouldBeNull();
    }

    [Fact]
    public void Parse_EnumeratedProjectSpending_ReadsSpent()
    {
        var e = RuleTest.Department("各重点任务项目支出完成情况如下：1. “专精特新”民营企业扶优计划项目支出 50 万元，主要用于评审。2. 课题调研工作支出 30 万元，得到批示肯定。");

        e.Projects.Select(p => (p.Name, p.SpentWan)).ShouldBe([("“专精特新”民营企业扶优计划项目", 50m), ("课题调研工作", 30m)]);
    }

    [Fact]
    public void Parse_FinalAccountsLines_AreNotProjects()
    {
        RuleTest.Department("5.对附属单位补助支出 0万元，与上年决算数持平。").Projects.ShouldBeEmpty();
    }
}
