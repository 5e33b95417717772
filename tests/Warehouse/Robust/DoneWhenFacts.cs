using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Robust;

/// <summary>
/// The "done when" of the robustness issue, through the real command line: an inbox (Chinese name, spaces)
/// of the five seeds plus an empty file, a binary file, a truncated report, a meeting notice and a GB18030
/// copy of a seed loads with exit 0; the bad files are rejected with reasons that the summary, <c>query</c>
/// and <c>extract</c> print under their own names.
/// </summary>
[Collection(ChildProcessLoads.Name)]
public sealed class DoneWhenFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();
    readonly string inbox;

    public DoneWhenFacts()
    {
        inbox = Path.Combine(warehouse.Root, "收件箱 2023 年度");
        Directory.CreateDirectory(inbox);
        foreach (var file in LoadCorpus.SeedFiles) File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)));
        var seed = File.ReadAllBytes(LoadCorpus.SeedFiles[0]);
        File.WriteAllBytes(Path.Combine(inbox, "空 文件.txt"), []);
        File.WriteAllBytes(Path.Combine(inbox, "随机 二进制.txt"), BadFiles.RandomBinary());
        File.WriteAllBytes(Path.Combine(inbox, "截断的 自评报告.txt"), BadFiles.TruncatedInsideACharacter(seed));
        File.WriteAllBytes(Path.Combine(inbox, "关于召开 绩效自评 会议的通知.txt"), BadFiles.SelfEvaluationMeetingNotice());
        File.WriteAllBytes(Path.Combine(inbox, "市工商联 自评报告 GB18030.txt"), BadFiles.Gb18030Copy(seed));
    }

    public void Dispose() => warehouse.Dispose();

    static readonly string[] Rejected = ["空 文件.txt", "随机 二进制.txt", "截断的 自评报告.txt"];

    [Fact]
    public async Task Run_SeedsWithBadFiles_ExitsZeroRejectsEachBadFileWithAReasonAndKeepsFiveCurrentEvaluations()
    {
        var run = await PerfEvalProcess.RunAsync(["run", "--source", inbox, "--warehouse", warehouse.WarehousePath]);

        run.ExitCode.ShouldBe(0, run.Error);
        run.Output.ShouldContain("10 seen, 10 new");
        foreach (var name in Rejected) run.Output.ShouldContain($"rejected {Path.Combine(inbox, name)}: ");
        warehouse.Count("select count(*) from dim_document where status = 'rejected' and length(error) > 10").ShouldBeGreaterThanOrEqualTo(3);
        warehouse.Count("select count(*) from fct_evaluation where is_current").ShouldBeGreaterThanOrEqualTo(5);
        warehouse.Count("select count(*) from dim_document where encoding = 'gb18030' and is_current").ShouldBe(1, "the GB18030 copy loads and supersedes the seed it copies");

        var query = await PerfEvalProcess.RunAsync(["query", "select source, error from dim_document where status = 'rejected' order by source",
            "--warehouse", warehouse.WarehousePath, "--format", "csv"]);
        query.ExitCode.ShouldBe(0, query.Error);
        foreach (var name in Rejected) query.Output.ShouldContain(Path.Combine(inbox, name));

        var table = await PerfEvalProcess.RunAsync(["query", "select source from dim_document where status = 'rejected'", "--warehouse", warehouse.WarehousePath]);
        foreach (var name in Rejected) table.Output.ShouldContain(Path.Combine(inbox, name), customMessage: "the table view neither wraps nor cuts a name");

        var extract = await PerfEvalProcess.RunAsync(["extract", inbox]);
        extract.ExitCode.ShouldBe(0, extract.Error);
        foreach (var name in Rejected) extract.Output.ShouldContain(name);
    }
}
