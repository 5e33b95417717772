using System.Diagnostics;
using System.Text;
using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract;

public sealed class ExtractorFacts
{
    [Fact]
    public void Extract_MeetingNotice_IsRejectedWithReason()
    {
        var e = Extractor.Extract(Encoding.UTF8.GetBytes("关于召开2023年第一季度工作会议的通知\n各科室：\n定于3月5日上午9时在三楼会议室召开工作会议，请准时参加。"), "notice.txt");

        e.Status.ShouldBe(ExtractStatus.Rejected);
        e.Error.ShouldNotBeNull().ShouldContain("not a performance self-evaluation report");
    }

    [Fact]
    public void Extract_PathologicalInput_StaysWithinTimeBound()
    {
        var text = "绩效自评报告\n" + string.Concat(Enumerable.Repeat("预算安排项目经费预算预算预算执行率为", 20000)) + "\n" + new string('一', 200000);
        var clock = Stopwatch.StartNew();

        var e = Extractor.ExtractText(text, "big.txt");

        clock.Elapsed.ShouldBeLessThan(Extractor.TimeBound + TimeSpan.FromSeconds(3));
        e.ShouldNotBeNull();
    }

    [Fact]
    public void Extract_Json_UsesContractNames()
    {
        var e = Extractor.ExtractText("广州市荔湾区财政局2023年度部门整体支出绩效自评报告\n全年预算数 100 万元，支出数 99 万元，执行率为 99%。", "x.txt");

        var json = ExtractJson.Serialize([e]);

        json.ShouldContain("\"schema\": \"perfeval.extract/1\"");
        json.ShouldContain("\"execution_rate_pct\": 99");
        json.ShouldContain("\"budget.budget_wan\"");
        json.ShouldContain("广州市荔湾区财政局"); // Chinese written as is, not \u escapes
    }
}
