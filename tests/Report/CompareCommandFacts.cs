using PerfEval.Etl.Report;
using PerfEval.Jobs.Commands;

namespace PerfEval.Tests.Report;

/// <summary><c>perfeval compare</c>: the filters become a parameterised WHERE over the view's columns.</summary>
public sealed class CompareCommandFacts(DistrictWarehouse fixture) : IClassFixture<DistrictWarehouse>
{
    (int Code, string Output, string Error) Compare(string view, ComparisonFilter filter, string format = "csv")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CompareCommand.Run(view, fixture.WarehousePath, format, filter, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("scores")]
    [InlineData("execution")]
    [InlineData("causes")]
    [InlineData("texts")]
    [InlineData("yoy")]
    [InlineData("indicators")]
    [InlineData("flags")]
    public void Run_EachView_PrintsTheViewsColumns(string view)
    {
        var (code, output, _) = Compare(view, ComparisonFilter.None);

        code.ShouldBe(0);
        var columns = fixture.Warehouse.Query<string>($"select column_name from information_schema.columns where table_name = '{Comparison.Find(view)!.View}' order by ordinal_position");
        output.Split('\n')[0].TrimEnd('\r').ShouldBe(string.Join(",", columns));
    }

    [Fact]
    public void Run_DistrictAndYear_KeepOnlyThoseRows()
    {
        var (code, output, _) = Compare("scores", new ComparisonFilter(Year: 2022, District: "天河区"));

        code.ShouldBe(0);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(r => r.StartsWith("2022,广州市,天河区,"));
    }

    [Fact]
    public void Run_Org_KeepsOneComparableGroup_WithRanksFromTheWholeGroup()
    {
        var (_, output, _) = Compare("scores", new ComparisonFilter(Year: 2022, Org: "工商业联合会", District: "海珠区"), "json");

        output.ShouldContain("\"rank_in_group\": 3");
        output.ShouldNotContain("教育局");
    }

    [Fact]
    public void Run_FilterValue_IsAParameterNotSql()
    {
        var (code, output, _) = Compare("scores", new ComparisonFilter(District: "天河区' or 1=1 --"));

        code.ShouldBe(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length.ShouldBe(1, "the header only");
    }

    [Fact]
    public void Run_FilterOnAColumnTheViewLacks_IsAUsageError()
    {
        var (code, _, error) = Compare("causes", new ComparisonFilter(Org: "工商业联合会"));

        code.ShouldBe(2);
        error.ShouldContain("rpt_causes has no org_type column");
    }

    [Fact]
    public void Run_CausesAsTable_ListsTheUnclassifiedTextsAfterTheCounts()
    {
        var (code, output, _) = Compare("causes", ComparisonFilter.None, "table");

        code.ShouldBe(0);
        output.ShouldContain("支出进度滞后/执行率低");
        output.IndexOf("texts no rule classified", StringComparison.Ordinal).ShouldBeGreaterThan(output.IndexOf("spending_pace", StringComparison.Ordinal));
        output.ShouldContain("会议费");
    }

    [Fact]
    public void Run_NoWarehouse_FailsWithoutCreatingOne()
    {
        var path = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N"), "none.duckdb");
        using var output = new StringWriter();
        using var error = new StringWriter();

        CompareCommand.Run("scores", path, "table", ComparisonFilter.None, output, error).ShouldBe(1);

        File.Exists(path).ShouldBeFalse();
    }
}
