using DuckDB.NET.Data;
using PerfEval.Etl.Report;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Export;

/// <summary>One file of the briefing pack: the comparison it holds and its columns, in order.</summary>
public sealed record BriefingFile(string File, Comparison Comparison, IReadOnlyList<PackColumn> Columns);

/// <summary>The leadership briefing pack: one CSV per comparison, read from the <c>rpt_</c> views (docs/EXPORT-SECTION.md).</summary>
public static class BriefingPack
{
    /// <summary>The default folder, relative to the caller's folder.</summary>
    public const string DefaultFolder = "exports";

    /// <summary>Each file of the pack, in the order a briefing reads them.</summary>
    public static IReadOnlyList<BriefingFile> Files { get; } =
    [
        new("scores.csv", Comparison.Scores,
        [
            .. PackColumn.Unit(),
            PackColumn.Figure("total_score", "自评总分"),
            PackColumn.Text("grade", "等级"),
            PackColumn.Figure("performance_score", "履职效能得分"),
            PackColumn.Figure("management_score", "管理效率得分"),
            PackColumn.Whole("group_size", "同组单位数"),
            PackColumn.Whole("rank_in_group", "组内排名"),
            PackColumn.Figure("group_median_score", "组中位数"),
            PackColumn.Figure("diff_from_median", "与中位数差"),
            PackColumn.Flag("is_benchmark", "市级标杆"),
            PackColumn.Text("benchmark_department_name", "市级标杆单位"),
            PackColumn.Figure("benchmark_score", "市级标杆得分"),
            PackColumn.Figure("diff_from_benchmark", "与市级标杆差"),
            PackColumn.Text("source", "来源文件"),
            PackColumn.Whole("total_score_evidence_line", "自评总分行号"),
            PackColumn.Text("total_score_evidence_quote", "自评总分原文"),
        ]),
        new("execution.csv", Comparison.Execution,
        [
            .. PackColumn.Unit(),
            PackColumn.Figure("budget_wan", "预算(万元)"),
            PackColumn.Figure("spent_wan", "支出(万元)"),
            PackColumn.Coded("spent_source", "支出来源", ("stated", "报告所述"), ("sum_of_sub_projects", "子项目合计")),
            PackColumn.Figure("execution_rate_pct", "执行率(%)"),
            PackColumn.Figure("execution_rate_computed_pct", "计算执行率(%)"),
            PackColumn.Figure("execution_rate_gap_pct", "执行率差(百分点)"),
            PackColumn.Flag("is_rate_disagreement", "执行率不一致"),
            PackColumn.Whole("rank_in_year", "排名"),
            PackColumn.Text("source", "来源文件"),
            PackColumn.Whole("budget_evidence_line", "预算行号"),
            PackColumn.Text("budget_evidence_quote", "预算原文"),
            PackColumn.Whole("spent_evidence_line", "支出行号"),
            PackColumn.Text("spent_evidence_quote", "支出原文"),
            PackColumn.Whole("execution_rate_evidence_line", "执行率行号"),
            PackColumn.Text("execution_rate_evidence_quote", "执行率原文"),
        ]),
        new("causes.csv", Comparison.Causes,
        [
            PackColumn.Coded("scope", "范围", ("all", "全部年度"), ("year", "按年度"), ("district", "按区")),
            PackColumn.Whole("year", "年度"),
            PackColumn.Text("city", "市"),
            PackColumn.Text("district", "区"),
            PackColumn.Text("cause_code", "原因代码"),
            PackColumn.Text("cause_name_zh", "原因"),
            PackColumn.Text("cause_name_en", "原因(英文)"),
            PackColumn.Whole("reports", "涉及报告数"),
            PackColumn.Whole("departments", "涉及部门数"),
            PackColumn.Whole("deductions", "扣分项数"),
            PackColumn.Whole("problems", "问题数"),
            PackColumn.Figure("points_deducted", "扣分合计"),
            PackColumn.Whole("rank_in_scope", "排名"),
        ]),
        new("cause_texts.csv", Comparison.CauseTexts,
        [
            PackColumn.Whole("year", "年度"),
            PackColumn.Text("city", "市"),
            PackColumn.Text("district", "区"),
            PackColumn.Text("department_name", "部门"),
            PackColumn.Text("cause_code", "原因代码"),
            PackColumn.Text("cause_name_zh", "原因"),
            PackColumn.Flag("is_unclassified", "未归类"),
            PackColumn.Coded("text_kind", "类型", ("deduction", "扣分"), ("problem", "问题")),
            PackColumn.Text("indicator", "指标"),
            PackColumn.Text("text", "内容"),
            PackColumn.Figure("points_deducted", "扣分"),
            PackColumn.Text("source", "来源文件"),
            PackColumn.Whole("evidence_line", "行号"),
            PackColumn.Text("evidence_quote", "原文"),
        ]),
        new("yoy.csv", Comparison.Yoy,
        [
            PackColumn.Text("city", "市"),
            PackColumn.Text("district", "区"),
            PackColumn.Text("org_type", "单位类型"),
            PackColumn.Text("department_name", "部门"),
            PackColumn.ReportKind(),
            PackColumn.Text("project_name", "项目"),
            PackColumn.Whole("previous_year", "上一年度"),
            PackColumn.Whole("year", "年度"),
            PackColumn.Figure("previous_total_score", "上一年度自评总分"),
            PackColumn.Figure("total_score", "自评总分"),
            PackColumn.Figure("score_change", "得分变化"),
            PackColumn.Figure("previous_execution_rate_pct", "上一年度执行率(%)"),
            PackColumn.Figure("execution_rate_pct", "执行率(%)"),
            PackColumn.Figure("execution_rate_change_pct", "执行率变化(百分点)"),
            PackColumn.Figure("previous_execution_rate_computed_pct", "上一年度计算执行率(%)"),
            PackColumn.Figure("execution_rate_computed_pct", "计算执行率(%)"),
            PackColumn.Figure("execution_rate_computed_change_pct", "计算执行率变化(百分点)"),
            PackColumn.Text("previous_source", "上一年度来源文件"),
            PackColumn.Whole("previous_total_score_evidence_line", "上一年度自评总分行号"),
            PackColumn.Text("previous_total_score_evidence_quote", "上一年度自评总分原文"),
            PackColumn.Whole("previous_execution_rate_evidence_line", "上一年度执行率行号"),
            PackColumn.Text("previous_execution_rate_evidence_quote", "上一年度执行率原文"),
            PackColumn.Text("source", "来源文件"),
            PackColumn.Whole("total_score_evidence_line", "自评总分行号"),
            PackColumn.Text("total_score_evidence_quote", "自评总分原文"),
            PackColumn.Whole("execution_rate_evidence_line", "执行率行号"),
            PackColumn.Text("execution_rate_evidence_quote", "执行率原文"),
        ]),
        new("indicators.csv", Comparison.Indicators,
        [
            PackColumn.Whole("year", "年度"),
            PackColumn.Text("city", "市"),
            PackColumn.Text("district", "区"),
            PackColumn.Text("department_name", "部门"),
            PackColumn.ReportKind(),
            PackColumn.Text("project_name", "项目"),
            PackColumn.Text("category", "一级指标"),
            PackColumn.Text("dimension", "二级指标"),
            PackColumn.Text("indicator_name", "指标"),
            PackColumn.Text("target_text", "目标值"),
            PackColumn.Text("actual_text", "实际完成值"),
            PackColumn.Figure("target_value", "目标值(数值)"),
            PackColumn.Figure("actual_value", "实际完成值(数值)"),
            PackColumn.Text("unit", "单位"),
            PackColumn.Figure("completion_pct", "完成率(%)"),
            PackColumn.Figure("completion_computed_pct", "计算完成率(%)"),
            PackColumn.Figure("completion_gap_pct", "完成率差(百分点)"),
            PackColumn.Flag("is_far_over_target", "远超目标(>130%)"),
            PackColumn.Flag("is_under_target", "未达目标"),
            PackColumn.Flag("is_completion_disagreement", "完成率不一致"),
            PackColumn.Text("source", "来源文件"),
            PackColumn.Whole("evidence_line", "行号"),
            PackColumn.Text("evidence_quote", "原文"),
        ]),
        new("flags.csv", Comparison.Flags,
        [
            .. PackColumn.Unit(),
            PackColumn.Figure("total_score", "自评总分"),
            PackColumn.Figure("execution_rate_pct", "执行率(%)"),
            PackColumn.Figure("execution_rate_computed_pct", "计算执行率(%)"),
            PackColumn.Whole("indicators", "指标数"),
            PackColumn.Whole("indicators_under_target", "未达目标指标数"),
            PackColumn.Flag("is_low_execution", "执行率低于90%"),
            PackColumn.Flag("has_unmet_indicators", "有未达目标指标"),
            PackColumn.Text("reason", "提示"),
            PackColumn.Text("source", "来源文件"),
            PackColumn.Whole("total_score_evidence_line", "自评总分行号"),
            PackColumn.Text("total_score_evidence_quote", "自评总分原文"),
            PackColumn.Whole("execution_rate_evidence_line", "执行率行号"),
            PackColumn.Text("execution_rate_evidence_quote", "执行率原文"),
            PackColumn.Whole("spent_evidence_line", "支出行号"),
            PackColumn.Text("spent_evidence_quote", "支出原文"),
        ]),
    ];

    /// <summary>
    /// The file in the pack's folder that says which warehouse data the pack was written from: a line
    /// <c>data STAMP</c>, then one line <c>SIZE FILE</c> per CSV. Only <c>perfeval run</c> writes it.
    /// </summary>
    public const string StampFile = ".perfeval-pack";

    /// <summary>
    /// Writes every file into <paramref name="folder"/> (created when missing) and returns their paths, in the order
    /// of <see cref="Files"/>. DuckDB writes each file itself (<see cref="BriefingCsv"/>), on all cores, each over its
    /// own read-only connection to the same snapshot.
    /// </summary>
    public static IReadOnlyList<string> Write(WarehouseFile warehouse, string folder, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        // Held open for the whole pack: the other connections share its database instance and so read the same snapshot.
        using var connection = warehouse.OpenReadOnly();
        Configure(connection);
        return Stage(warehouse.OpenReadOnly, folder, new ComparisonFilter(Year: year)).Promote();
    }

    /// <summary>How many files of the pack <see cref="Stage"/> writes at once: one per core.</summary>
    public static int Workers => Math.Min(Environment.ProcessorCount, Files.Count);

    /// <summary>
    /// Writes every file of the pack beside its place (<c>FILE.partial</c>) over connections from <paramref name="open"/>,
    /// which must all read the same data; <see cref="StagedPack.Promote"/> then moves them into place. The load writes the
    /// pack this way from its working copy, and promotes it once the copy is published.
    /// </summary>
    public static StagedPack Stage(Func<DuckDBConnection> open, string folder, ComparisonFilter filter)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(filter);
        Directory.CreateDirectory(folder);
        // From here on the folder no longer holds the pack the stamp describes.
        File.Delete(Path.Combine(folder, StampFile));
        var paths = Files.Select(f => Path.GetFullPath(Path.Combine(folder, f.File))).ToArray();
        var staged = new StagedPack(paths);
        var errors = new Exception?[Files.Count];
        var next = -1;
        int[] order;
        using (var connection = open()) order = LargestFirst(connection);
        // One thread per core, each taking the largest file left: the pack ends when its largest file does, not when
        // the largest file, started last, does alone. Threads of their own, not the thread pool's: during a load the
        // pool's threads wait on DuckDB (the checkpoint beside the pack is one), the pool adds threads only slowly, and
        // most files were written one after the other on one thread (BENCHMARKS.md).
        var workers = Enumerable.Range(0, Math.Min(Workers, order.Length)).Select(_ => new Thread(() =>
        {
            int taken;
            while ((taken = Interlocked.Increment(ref next)) < order.Length)
            {
                var index = order[taken];
                try
                {
                    using var connection = open();
                    var file = Files[index];
                    var types = BriefingCsv.ColumnTypes(connection, file.Comparison.View);
                    var query = ComparisonQuery.Build(connection, file.Comparison, filter, columns: BriefingCsv.SelectList(file.Columns, types));
                    BriefingCsv.Write(connection, query, file.Columns, StagedPack.Partial(paths[index]));
                }
                catch (Exception e)
                {
                    errors[index] = e;
                    Volatile.Write(ref next, order.Length); // the pack fails: take no more files
                }
            }
        }) { IsBackground = true, Name = "perfeval pack" }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            staged.Discard();
            // The error of the first file in the pack's order, as a sequential write would have thrown it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
        return staged;
    }

    /// <summary>
    /// The indices of <see cref="Files"/>, largest first: by the size DuckDB estimates for the table behind each comparison
    /// (<c>&lt;view&gt;__data</c>) times its columns in the pack; a file whose size is unknown keeps its place after them.
    /// </summary>
    static int[] LargestFirst(DuckDBConnection connection)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select table_name, estimated_size from duckdb_tables() where database_name = current_database() and schema_name = 'main'";
            using var reader = command.ExecuteReader();
            while (reader.Read()) rows[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        }
        return Enumerable.Range(0, Files.Count)
            .OrderByDescending(i => rows.GetValueOrDefault(Files[i].Comparison.View + "__data") * Files[i].Columns.Count)
            .ThenBy(i => i)
            .ToArray();
    }

    /// <summary>
    /// Keeps DuckDB's buffer pool for the pack small: it reads each table once, so caching the warehouse in memory
    /// gains nothing and would make the memory of `run` grow with the warehouse. Left as it is when another part
    /// of this process opened the same file with its configuration locked (<c>perfeval query</c>'s sandbox).
    /// </summary>
    const string PackMemoryLimit = "128MB";

    /// <summary>
    /// The instance's memory limit, and its threads: the files are written side by side, so each query gets its share of
    /// the cores (<see cref="WarehouseLoad.ShareOfCores"/>), as in a load. At 40,000 reports on two cores the pack then
    /// took 0.30–0.33 s and peaked at 181–185 MB, against 0.37–0.41 s and 201–225 MB with two threads per query.
    /// </summary>
    static void Configure(DuckDBConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"set memory_limit = '{PackMemoryLimit}'";
            command.ExecuteNonQuery();
            command.CommandText = $"set threads = {WarehouseLoad.ShareOfCores(Workers)}";
            command.ExecuteNonQuery();
        }
        catch (DuckDBException)
        {
            // Locked configuration: the limit and threads stay whatever that connection set.
        }
    }

    /// <summary>Records that the pack in <paramref name="folder"/> was written from the warehouse data <paramref name="dataStamp"/>.</summary>
    public static void Stamp(string folder, string dataStamp, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var lines = files.Select(f => $"{new FileInfo(f).Length} {Path.GetFileName(f)}").Prepend($"data {dataStamp}");
        var path = Path.Combine(folder, StampFile);
        File.WriteAllLines(path + ".partial", lines);
        File.Move(path + ".partial", path, overwrite: true);
    }

    /// <summary>
    /// The pack's files when <paramref name="folder"/> holds the whole pack written from <paramref name="dataStamp"/>,
    /// every file at the size it was written with; null when any file is missing, changed or from other data.
    /// </summary>
    public static IReadOnlyList<string>? Current(string folder, string dataStamp)
    {
        var stamp = Path.Combine(folder, StampFile);
        if (!File.Exists(stamp)) return null;
        var lines = File.ReadAllLines(stamp);
        if (lines.Length != Files.Count + 1 || lines[0] != $"data {dataStamp}") return null;
        var paths = new List<string>();
        for (var i = 0; i < Files.Count; i++)
        {
            var path = Path.GetFullPath(Path.Combine(folder, Files[i].File));
            if (lines[i + 1] != $"{(File.Exists(path) ? new FileInfo(path).Length : -1)} {Files[i].File}") return null;
            paths.Add(path);
        }
        return paths;
    }
}

/// <summary>The files of a pack written beside their places (<c>FILE.partial</c>), waiting to be moved into them.</summary>
public sealed class StagedPack(IReadOnlyList<string> paths)
{
    /// <summary>The files' final paths.</summary>
    public IReadOnlyList<string> Paths { get; } = paths;

    internal static string Partial(string path) => path + ".partial";

    /// <summary>Moves every file into its place (a reader never opens half a file) and returns their paths.</summary>
    public IReadOnlyList<string> Promote()
    {
        foreach (var path in Paths) File.Move(Partial(path), path, overwrite: true);
        return Paths;
    }

    /// <summary>Deletes the files written so far, leaving the files in their places as they were.</summary>
    public void Discard()
    {
        foreach (var path in Paths)
        {
            try { File.Delete(Partial(path)); }
            catch (IOException) { /* the next pack overwrites it */ }
            catch (UnauthorizedAccessException) { /* as above */ }
        }
    }
}
