using PerfEval.Etl.Extract;
using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Report;
using PerfEval.Jobs.Commands;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Report;

/// <summary>The "done when" on the five seed reports, loaded with the real extractor; the run writes the pack.</summary>
public sealed class SeedReportFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();
    readonly string exports;

    public SeedReportFacts()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples"), "*.txt"))
            File.Copy(file, Path.Combine(warehouse.Inbox, Path.GetFileName(file)));
        exports = Path.Combine(warehouse.Root, "exports");
    }

    public void Dispose() => warehouse.Dispose();

    async Task<RunSummary> LoadAsync() =>
        await LoadPipeline.RunAsync(new RunOptions([warehouse.Inbox], warehouse.WarehousePath) { ExportsPath = exports });

    string Compare(string view, string format = "table")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        CompareCommand.Run(view, warehouse.WarehousePath, format, ComparisonFilter.None, output, error).ShouldBe(0, error.ToString());
        return output.ToString();
    }

    static bool ParserIsStub()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "004_d0ca102cc6e404c6.txt");
        return Extractor.Extract(File.ReadAllBytes(sample), sample).Department?.Name is null;
    }

    [SkippableFact]
    public async Task CompareScores_ShowsBaiyunAt99Point5_BesideTheOthers()
    {
        Skip.If(ParserIsStub(), "needs the real report parser");
        await LoadAsync();

        var json = Compare("scores", "json");
        json.ShouldContain("\"department_name\": \"广州市白云区工商业联合会\"");
        warehouse.Query<decimal?>("select total_score from rpt_scores where district = '白云区'").ShouldBe([99.5m]);
        warehouse.Count("select count(distinct department_name) from rpt_scores").ShouldBe(5);
        var table = Compare("scores");
        table.ShouldContain("白云区");
        table.ShouldContain("99.5");
        warehouse.Query<decimal?>("select benchmark_score from rpt_scores where district = '白云区'").ShouldBe([98.94m]);
    }

    [SkippableFact]
    public async Task CompareExecution_ShowsTianhe99Point68()
    {
        Skip.If(ParserIsStub(), "needs the real report parser");
        await LoadAsync();

        Compare("execution").ShouldContain("99.68");
        warehouse.Query<decimal?>("select execution_rate_pct from rpt_execution where district = '天河区'").ShouldBe([99.68m]);
    }

    [SkippableFact]
    public async Task CompareCauses_RanksSpendingPaceAmongTheTopCauses_InThreeReports()
    {
        Skip.If(ParserIsStub(), "needs the real report parser");
        await LoadAsync();

        var top = warehouse.Query<(string Code, long Reports, long Rank)>(
            "select cause_code, reports, rank_in_scope from rpt_causes where scope = 'all' and cause_code = 'spending_pace'").Single();
        top.Reports.ShouldBe(3);
        top.Rank.ShouldBeLessThanOrEqualTo(3);
        var table = Compare("causes");
        table.ShouldContain("spending_pace");
        table.ShouldContain("支出进度滞后/执行率低");
    }

    [SkippableFact]
    public async Task Run_WritesThePack_EachCsvWithABomAndTheDepartmentsChineseNames()
    {
        Skip.If(ParserIsStub(), "needs the real report parser");
        var summary = await LoadAsync();

        summary.ExportError.ShouldBeNull();
        summary.ExportedFiles.Count.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var file in summary.ExportedFiles)
            File.ReadAllBytes(file).Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, file);
        foreach (var file in new[] { "scores.csv", "execution.csv", "flags.csv" })
        {
            var rows = ExportFacts.ReadRfc4180(File.ReadAllBytes(Path.Combine(exports, file)));
            var department = rows[0].ToList().IndexOf("部门");
            rows.Skip(1).Select(r => r[department]).ShouldAllBe(name => name.EndsWith("工商业联合会"), file);
        }
        var scores = File.ReadAllText(Path.Combine(exports, "scores.csv"));
        foreach (var name in new[] { "广州市工商业联合会", "广州市增城区工商业联合会", "广州市白云区工商业联合会", "江门市工商业联合会", "广州市天河区工商业联合会" })
            scores.ShouldContain(name);
    }
}
