using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Report;

/// <summary>
/// A small loaded warehouse of one city over two years: the city's 工商业联合会 (the benchmark),
/// two of its districts' 工商业联合会 and a district 教育局 (another comparable group), with
/// deductions, problems and indicators chosen so every comparison has something to show.
/// Built once per test class (xunit class fixture).
/// </summary>
public sealed class DistrictWarehouse : IDisposable
{
    internal TempWarehouse Warehouse { get; } = new();

    public DistrictWarehouse()
    {
        var w = Warehouse;
        w.AddReport("2022/city.txt", "city 2022", () => ReportBuilder.Department("广州市工商业联合会", 2022)
            .Score(98, ("履职效能", 50, 49), ("管理效率", 50, 49)).Budget(100, 95, 95)
            .Deduction("履职效能", "部门预算资金支出率", 10, 0.5m, "spending_pace")
            .Problem("部分项目支出进度滞后", "spending_pace").Build());
        w.AddReport("2022/tianhe.txt", "tianhe 2022", () => ReportBuilder.Department("广州市天河区工商业联合会", 2022, district: "天河区")
            .Score(99.5m).Budget(200, 150, 80)
            .Indicator("举办活动次数", 4, 4, 100)
            .Problem("支出进度较慢", "spending_pace").Build());
        w.AddReport("2022/haizhu.txt", "haizhu 2022", () => ReportBuilder.Department("广州市海珠区工商业联合会", 2022, district: "海珠区")
            .Score(96).Budget(50, 50, 100)
            .Indicator("举办活动次数", 4, 6, 150).Indicator("走访企业数", 10, 8, 80).Indicator("走访商会数", 10, 12, 100)
            .Deduction("管理效率", "预决算公开", 2, 1, "disclosure")
            .Problem("受疫情影响，支出进度滞后", "epidemic", "spending_pace")
            .Problem("=HYPERLINK(\"http://x\") 会议费 \"超支\", 需整改", "other").Build());
        w.AddReport("2022/tianhe-edu.txt", "tianhe edu 2022", () => ReportBuilder.Department("广州市天河区教育局", 2022, district: "天河区")
            .Score(90).Budget(1000, 990, 99).Build());
        w.AddReport("2023/city.txt", "city 2023", () => ReportBuilder.Department("广州市工商业联合会", 2023)
            .Score(97).Budget(120, 120, 100).Build());
        w.AddReport("2023/tianhe.txt", "tianhe 2023", () => ReportBuilder.Department("广州市天河区工商业联合会", 2023, district: "天河区")
            .Score(98.5m).Budget(200, 196, 98)
            .Problem("绩效目标设置不够细化", "target_setting").Build());
        w.RunAsync().GetAwaiter().GetResult();
    }

    public string WarehousePath => Warehouse.WarehousePath;

    /// <summary>The inbox folder as it appears in <c>source</c> columns, so golden files do not depend on the temp folder.</summary>
    public string Stable(string text) => text.Replace(Warehouse.Inbox, "inbox", StringComparison.Ordinal);

    public void Dispose() => Warehouse.Dispose();
}
