namespace PerfEval.Tests.Extract.Rules;

public sealed class DocumentRulesFacts
{
    [Theory]
    [InlineData("广州市工商业联合会 2022 年部门 整体支出绩效自评报告", "广州市工商业联合会", 2022)]
    [InlineData("2023 年度广州市增城区工商业联合会部门 整体支出绩效自评报告", "广州市增城区工商业联合会", 2023)]
    [InlineData("江门市蓬江区教育局2021年度部门整体支出绩效自评报告", "江门市蓬江区教育局", 2021)]
    public void Parse_Title_ReadsDepartmentAndYear(string title, string name, int year)
    {
        var e = RuleTest.Parse(title, "一、基本情况", "全年预算数 100 万元。");

        e.ReportKind.ShouldBe("department");
        e.Department!.Name.ShouldBe(name);
        e.Year.ShouldBe(year);
    }

    [Fact]
    public void Parse_TitleOverTwoLines_ReadsDepartment()
    {
        var e = RuleTest.Parse(" 2022 年度广州市白云区工商业联合会", "部门整体支出绩效自评报告", "一、基本情况");

        e.Department!.Name.ShouldBe("广州市白云区工商业联合会");
        e.Department.District.ShouldBe("白云区");
        e.Department.Level.ShouldBe("district");
        e.Year.ShouldBe(2022);
    }

    [Theory]
    [InlineData("广州市工商业联合会", "广州市", null, "city", "工商业联合会")]
    [InlineData("广州市天河区工商业联合会", "广州市", "天河区", "district", "工商业联合会")]
    [InlineData("天河区工商业联合会", "广州市", "天河区", "district", "工商业联合会")]
    [InlineData("广东省财政厅", null, null, "province", "财政厅")]
    [InlineData("清远市阳山县教育局", "清远市", "阳山县", "county", "教育局")]
    [InlineData("广州市城市管理和综合执法局", "广州市", null, "city", "城市管理和综合执法局")]
    public void Parse_UnitName_PlacesTheUnit(string name, string? city, string? district, string level, string orgType)
    {
        var e = RuleTest.Parse("部门整体支出绩效自评表", $"部门名称：{name}", "被评价年度：2022年");

        e.Department!.ShouldSatisfyAllConditions(
            d => d.Name.ShouldBe(name), d => d.City.ShouldBe(city), d => d.District.ShouldBe(district),
            d => d.Level.ShouldBe(level), d => d.OrgType.ShouldBe(orgType));
    }

    [Fact]
    public void Parse_ProjectTable_ImplementingUnitReportsAndSupervisorKept()
    {
        var e = RuleTest.Parse("项目支出绩效自评表", "（2022年度）", "项目名称\t社区卫生服务能力提升项目",
            "主管部门\t佛山市南海区卫生健康局\t实施单位\t佛山市南海区疾病预防控制中心");

        e.ReportKind.ShouldBe("project");
        e.ProjectName.ShouldBe("社区卫生服务能力提升项目");
        e.Department!.Name.ShouldBe("佛山市南海区疾病预防控制中心");
        e.Department.Supervisor.ShouldBe("佛山市南海区卫生健康局");
        e.Year.ShouldBe(2022);
    }

    [Fact]
    public void Parse_PublicationDateAndCitedNotice_AreNotTheEvaluatedYear()
    {
        var e = RuleTest.Parse(
            "发布时间：2023-06-30 来源：本网",
            "广州市海珠区教育局2022年度部门整体支出绩效自评报告",
            "根据《关于开展2023年度绩效自评工作的通知》要求，我局开展了自评。",
            "广州市海珠区教育局", "2023年6月28日");

        e.Year.ShouldBe(2022);
    }

    [Fact]
    public void Parse_UnitNeverStated_InfersItAndSaysSo()
    {
        var e = RuleTest.Parse("项目绩效自评报告", "项目名称：工商界联络建设经费",
            "预算安排工商界联络建设经费 88.50 万元。2021 年我会抓好商会建设。",
            "落实《江门市工商业联合会（总商会）战略合作框架协议》。截至 2021 年底，2021 年工作完成。");

        e.Department!.Name.ShouldBe("江门市工商业联合会");
        e.Department.Inferred.ShouldBeTrue();
        e.Warnings.ShouldContain(w => w.Contains("inferred"));
    }

    [Fact]
    public void Parse_BannerAndAnotherReportsTailBeforeTitle_AreIgnored()
    {
        var e = RuleTest.Parse(
            "总分\t100\t88", "部门名称：广州市某某局",
            "广州市荔湾区财政局2023年度部门整体支出绩效自评报告",
            "自评总分为96分。");

        e.Department!.Name.ShouldBe("广州市荔湾区财政局");
        e.Score.Total.ShouldBe(96m);
        e.Warnings.ShouldContain(w => w.Contains("before the report's title"));
    }
}

public sealed class ProjectReportFacts
{
    [Fact]
    public void Parse_ProjectReportTitleWithUnitAndProject_ReadsBoth()
    {
        var e = RuleTest.Parse("广州市天河区教育局2022年度学生资助项目支出绩效自评报告", "一、项目基本情况",
            "本项目预算200万元，实际支出180万元，预算执行率90%。", "项目自评得分92分，自评等级为优。");

        e.ReportKind.ShouldBe("project");
        e.Department!.Name.ShouldBe("广州市天河区教育局");
        e.ProjectName.ShouldBe("学生资助");
        e.Year.ShouldBe(2022);
        e.Budget.BudgetWan.ShouldBe(200m);
        e.Budget.SpentWan.ShouldBe(180m);
        e.Budget.ExecutionRatePct.ShouldBe(90m);
        e.Score.Total.ShouldBe(92m);
        e.Score.Grade.ShouldBe("优");
    }
}
