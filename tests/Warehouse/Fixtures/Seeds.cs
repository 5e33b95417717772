using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Warehouse.Fixtures;

/// <summary>Five hand-written extracts shaped like the five seed reports (five departments).</summary>
internal static class Seeds
{
    public static void AddAll(TempWarehouse warehouse)
    {
        warehouse.AddReport("000.txt", "seed 000", Seed000);
        warehouse.AddReport("001.txt", "seed 001", () => ReportBuilder.Department("广州市增城区工商业联合会", 2023, district: "增城区")
            .Score(99, ("履职效能", 50, 50), ("管理效率", 50, 49)).Budget(563.34m, 563.2m, 99.98m)
            .Problem("政府采购意向公开不及时", "procurement").Build());
        warehouse.AddReport("002.txt", "seed 002", () => ReportBuilder.Department("广州市白云区工商业联合会", 2022, district: "白云区")
            .Score(99.5m).Budget(null, 435.27m)
            .Indicator("举办活动次数", 4, 6, 150).Indicator("走访企业数", 50, 56, 112)
            .Problem("受疫情影响，支出进度较慢", "epidemic", "spending_pace").Build());
        warehouse.AddReport("003.txt", "seed 003", Seed003);
        warehouse.AddReport("004.txt", "seed 004", () => ReportBuilder.Department("广州市天河区工商业联合会", 2021, district: "天河区")
            .Budget(424.06m, 422.69m, 99.68m, initial: 526.59m)
            .SubProject("区工商联工作经费", 39.46m, 39.46m)
            .Indicator("培训种类", 2, 2, 100).Build());
    }

    public static ReportExtract Seed000() => ReportBuilder.Department("广州市工商业联合会", 2022)
        .Score(98.94m, ("履职效能", 50, 49.94m), ("管理效率", 50, 49))
        .Budget(5563.49m, 5563.49m, 100)
        .Deduction("履职效能", "部门预算资金支出率", 10, 0.06m, "spending_pace")
        .Deduction("管理效率", "预决算公开合规性", 2, 1, "disclosure")
        .SubProject("“专精特新”民营企业扶优计划项目", null, 50)
        .Build();

    /// <summary>A project report whose total spent is not stated: its sub-projects' actuals add up to 64.61 of 88.5.</summary>
    public static ReportExtract Seed003() => ReportBuilder.Project("江门市工商业联合会", "工商界联络建设经费", 2021)
        .Score(98.5m).Budget(88.5m, null)
        .SubProject("商会建设工作经费", 10, 10).SubProject("对口合作及经贸活动", 8, 3.11m).SubProject("法律服务工作专项经费", 3.4m, 3.4m)
        .SubProject("联络境外工商界经费", 2.6m, 0.83m).SubProject("调研考察费", 7, 7).SubProject("企业家培训费", 18, 17.97m)
        .SubProject("非公党委工作经费", 18.5m, 13.99m).SubProject("孤老原工商业者临时生活补助", 10.8m, 6.11m)
        .SubProject("春节中秋敬老专项", 2.2m, 2.2m).SubProject("工商联换届大会", 8, 0)
        .Build();
}
