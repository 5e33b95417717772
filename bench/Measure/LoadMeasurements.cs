using System.Collections;
using System.Data;
using System.Diagnostics;
using System.Reflection;
using Dapper;
using DuckDB.NET.Data;
using PerfEval.Bench.Generate;

namespace PerfEval.Bench.Measure;

/// <summary>What one pipeline run reported, read from its RunSummary.</summary>
public sealed record RunResult(double Seconds, string Status, long Seen, long New, long Unchanged, long Rejected, long Rows)
{
    /// <summary>Managed bytes allocated during the run (all threads), in MB.</summary>
    public double AllocatedMegabytes { get; init; }

    /// <summary>CPU time of the process during the run (managed and DuckDB's threads), in seconds.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>Time the JIT spent compiling during the run (any thread: tiered compilation runs in the background).</summary>
    public double JitSeconds { get; init; }
}

/// <summary>The warehouse measurements; null fields were not available.</summary>
public sealed class LoadResults
{
    /// <summary>The median run of each kind (by seconds); <c>…Runs</c> holds every run, in order.</summary>
    public RunResult? Full => Median(FullRuns);
    public RunResult? Rerun => Median(RerunRuns);
    public RunResult? Changed => Median(ChangedRuns);
    public List<RunResult> FullRuns { get; } = [];
    public List<RunResult> RerunRuns { get; } = [];
    public List<RunResult> ChangedRuns { get; } = [];
    public int ChangedFiles { get; set; }
    public double? BulkRowsPerSecond => Full is { Rows: > 0 } f ? f.Rows / f.Seconds : null;
    public string? NaiveTable { get; set; }
    public int NaiveRows { get; set; }
    public double? NaiveRowsPerSecond { get; set; }
    public List<(string View, int Rows, double MedianMs, double P95Ms)> Views { get; } = [];
    public string? Unavailable { get; set; }

    /// <summary>The run with the median seconds (the lower of the two middle ones for an even count); null for none.</summary>
    static RunResult? Median(List<RunResult> runs) => runs.Count == 0 ? null : runs.OrderBy(r => r.Seconds).ElementAt((runs.Count - 1) / 2);
}

/// <summary>
/// Full load, reruns and compare views through <c>PerfEval.Etl.Pipeline.LoadPipeline.RunAsync</c>. The pipeline is
/// being written on another branch, so it is found by reflection: until it lands, these measurements report
/// "load pipeline not available yet" and the rest of <c>measure</c> still runs.
/// </summary>
public static class LoadMeasurements
{
    const string PipelineType = "PerfEval.Etl.Pipeline.LoadPipeline";
    const int NaiveSample = 2000;
    const int ViewRepeats = 20;

    /// <summary>
    /// Times the full load, the rerun with nothing changed and the rerun with 1% changed, each <paramref name="repeat"/>
    /// times, and reports the median of each. The machine this was written on changes speed by more than the targets'
    /// margins within minutes (BENCHMARKS.md), so one run of each says little. Every full load starts from an empty
    /// warehouse; every 1%-changed rerun starts from the warehouse as the last full load and nothing-changed rerun left it
    /// (a copy put back) and changes the same files.
    /// </summary>
    public static async Task<LoadResults> RunAsync(string corpus, string warehouse, int seed, TextWriter log, int repeat = 1)
    {
        var results = new LoadResults();
        var run = FindRun(log);
        if (run is null)
        {
            results.Unavailable = "load pipeline not available yet (no " + PipelineType + ".RunAsync in PerfEval.Etl)";
            return results;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(warehouse))!);
        var exports = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehouse))!, "exports");
        string Of(int i) => repeat > 1 ? $" ({i + 1} of {repeat})" : "";

        for (var i = 0; i < repeat; i++)
        {
            foreach (var f in new[] { warehouse, warehouse + ".wal" }) File.Delete(f);
            log.WriteLine($"load: full load into an empty warehouse{Of(i)} …");
            results.FullRuns.Add(await run(corpus, warehouse, exports));
            Peak(log, "full load");
        }
        for (var i = 0; i < repeat; i++)
        {
            log.WriteLine($"load: rerun, nothing changed{Of(i)} …");
            results.RerunRuns.Add(await run(corpus, warehouse, exports));
            Peak(log, "rerun");
        }

        var before = warehouse + ".before-change";
        File.Copy(warehouse, before, overwrite: true);
        try
        {
            for (var i = 0; i < repeat; i++)
            {
                if (i > 0)
                {
                    File.Copy(before, warehouse, overwrite: true);
                    File.Delete(warehouse + ".wal");
                }
                var changed = ChangeOnePercent(corpus, seed);
                results.ChangedFiles = changed.Count;
                try
                {
                    log.WriteLine($"load: rerun with {changed.Count} changed files{Of(i)} …");
                    results.ChangedRuns.Add(await run(corpus, warehouse, exports));
                    Peak(log, "rerun with changes");
                }
                finally
                {
                    // Put the corpus back as truth.jsonl describes it.
                    foreach (var index in changed)
                    {
                        var original = CorpusGenerator.Document(index, seed);
                        File.WriteAllBytes(Path.Combine(corpus, original.RelativePath), original.Bytes);
                    }
                }
            }
        }
        finally
        {
            File.Delete(before);
        }
        Naive(warehouse, results);
        Peak(log, "naive inserts");
        Views(warehouse, results);
        Peak(log, "view queries");
        return results;
    }

    /// <summary>Logs the peak resident memory since the last call, then resets it, so each step shows its own.</summary>
    static void Peak(TextWriter log, string step)
    {
        var peak = MeasureCommand.PeakResidentMegabytes();
        MaxStepPeakMegabytes = Math.Max(MaxStepPeakMegabytes, peak);
        log.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  peak resident memory during {step}: {peak:0} MB"));
        MeasureCommand.ResetPeak();
    }

    /// <summary>The highest of the steps' peaks (each step resets the peak after it).</summary>
    public static double MaxStepPeakMegabytes { get; private set; }

    /// <summary>Binds RunAsync(new RunOptions(sources, warehouse) { ExportsPath }, progress, token) by reflection; null when absent.</summary>
    internal static Func<string, string, string, Task<RunResult>>? FindRun(TextWriter log)
    {
        var type = typeof(PerfEval.Etl.Extract.Extractor).Assembly.GetType(PipelineType);
        var method = type?.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance).FirstOrDefault(m => m.Name == "RunAsync" && m.GetParameters().Length >= 1);
        if (type is null || method is null) return null;
        var optionsType = method.GetParameters()[0].ParameterType;
        var ctor = optionsType.GetConstructors().FirstOrDefault(c => c.GetParameters().Length == 2);
        if (ctor is null) return null;
        return async (corpus, warehouse, exports) =>
        {
            var sourcesType = ctor.GetParameters()[0].ParameterType;
            object sources = sourcesType == typeof(string) ? corpus : new[] { corpus };
            var options = ctor.Invoke([sources, warehouse]);
            optionsType.GetProperty("ExportsPath")?.SetValue(options, exports);
            var clock = new Stopwatch();
            var steps = new TimedSteps(log, clock);
            var args = method.GetParameters().Select((p, i) => i == 0 ? options
                : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : p.ParameterType == typeof(IProgress<string>) ? (object)steps : null).ToArray();
            var target = method.IsStatic ? null : Activator.CreateInstance(type);
            Settle();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var jit = System.Runtime.JitInfo.GetCompilationTime();
            clock.Start();
            var task = (Task)method.Invoke(target, args)!;
            await task.ConfigureAwait(false);
            clock.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var jitSeconds = (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalSeconds;
            var allocatedMegabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0;
            var summary = task.GetType().GetProperty("Result")!.GetValue(task)!;
            long Get(string name) => summary.GetType().GetProperty(name)?.GetValue(summary) is { } v && v is IConvertible ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : -1;
            long rows = 0;
            if (summary.GetType().GetProperty("RowsPerTable")?.GetValue(summary) is IEnumerable perTable)
                foreach (var kv in perTable)
                    rows += Convert.ToInt64(kv.GetType().GetProperty("Value")!.GetValue(kv), System.Globalization.CultureInfo.InvariantCulture);
            return new RunResult(clock.Elapsed.TotalSeconds, summary.GetType().GetProperty("Status")?.GetValue(summary)?.ToString() ?? "?",
                Get("DocumentsSeen"), Get("DocumentsNew"), Get("DocumentsUnchanged"), Get("DocumentsRejected"), rows)
            { AllocatedMegabytes = allocatedMegabytes, CpuSeconds = cpuSeconds, JitSeconds = jitSeconds };
        };
    }

    /// <summary>
    /// Lets what the benchmark itself did before a timed run finish before the clock starts:
    /// <list type="bullet">
    /// <item>the files it wrote are written back (<see cref="WriteBack"/>): the load before (a warehouse and a
    /// pack, about 45 MB at 20,000 reports), the copy of the warehouse a 1%-changed rerun starts from, the amended reports.
    /// Otherwise the kernel writes them back during the timed run, on the same two cores: an A/A test of two processes
    /// run one after the other found the second's rerun 0.11 s slower (BENCHMARKS.md);</item>
    /// <item>its garbage is collected;</item>
    /// <item>the background JIT is left to compile the benchmark's own code that just became hot (parsing truth.jsonl and
    /// generating the amended reports, before the 1%-changed rerun). Without this the rerun spent 0.40–0.57 s of CPU in
    /// the JIT; with it 0.21 s (BENCHMARKS.md). It waits until no method has been compiled for 250 ms, at most 5 s.</item>
    /// </list>
    /// The pipeline's own work during a run is still timed: its JIT, and the writes it makes.
    /// </summary>
    static void Settle()
    {
        WriteBack();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var waited = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietSince = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(5) && quietSince.Elapsed < TimeSpan.FromMilliseconds(250))
        {
            Thread.Sleep(25);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled) { compiled = now; quietSince.Restart(); }
        }
    }

    /// <summary>
    /// Writes the kernel's dirty pages back (<c>sync</c>) before a timed load (<see cref="Settle"/>): the load before it
    /// wrote a warehouse and a pack, whose writeback would otherwise run during this one (0.11 s of a 0.8 s rerun,
    /// BENCHMARKS.md). Nothing where there is no <c>sync</c>.
    /// </summary>
    static void WriteBack()
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            using var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
            sync?.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no sync on this system
        }
    }

    /// <summary>
    /// The run's progress lines, each with the seconds since the run started, so the log shows where a run's time
    /// goes (step by step). The per-batch extraction lines are left out: a full load has one per 500 files.
    /// </summary>
    sealed class TimedSteps(TextWriter log, Stopwatch clock) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value.StartsWith("extract: ", StringComparison.Ordinal)) return;
            lock (log) log.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"    {clock.Elapsed.TotalSeconds,6:0.00} s  {value}"));
        }
    }

    /// <summary>Rewrites every 100th original report with one figure changed, as a corrected upload would; returns their indexes.</summary>
    public static List<int> ChangeOnePercent(string corpus, int seed)
    {
        var changed = new List<int>();
        var docs = ExtractionMeasurements.Truths(corpus).Count();
        for (var i = 50; i < docs; i += 100)
        {
            if (CorpusGenerator.Amended(i, seed) is not { } file) continue;
            File.WriteAllBytes(Path.Combine(corpus, file.RelativePath), file.Bytes);
            changed.Add(i);
        }
        return changed;
    }

    /// <summary>
    /// The naive way: the staged rows of the largest stg_ table inserted one by one with Dapper into a scratch
    /// DuckDB table, on a sample, to compare with the pipeline's bulk rate.
    /// </summary>
    static void Naive(string warehouse, LoadResults results)
    {
        var scratch = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(warehouse))!, "naive-scratch.duckdb");
        File.Delete(scratch);
        using var db = new DuckDBConnection($"Data Source={scratch}");
        db.Open();
        db.Execute($"attach '{warehouse.Replace("'", "''", StringComparison.Ordinal)}' as w (read_only)");
        var table = db.Query<(string Name, long Rows)>(
            "select table_name, estimated_size from duckdb_tables() where database_name = 'w' and table_name like 'stg_%' order by estimated_size desc limit 1").FirstOrDefault();
        if (table.Name is null) return;
        db.Execute($"create table scratch as select * from w.\"{table.Name}\" limit 0");
        var rows = db.Query($"select * from w.\"{table.Name}\" limit {NaiveSample}").Cast<IDictionary<string, object?>>().ToList();
        if (rows.Count == 0) return;
        var columns = rows[0].Keys.ToList();
        var sql = $"insert into scratch ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) values ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var clock = Stopwatch.StartNew();
        foreach (var row in rows)
        {
            var p = new DynamicParameters();
            for (var i = 0; i < columns.Count; i++) p.Add($"p{i}", row[columns[i]]);
            db.Execute(sql, p);
        }
        clock.Stop();
        results.NaiveTable = table.Name;
        results.NaiveRows = rows.Count;
        results.NaiveRowsPerSecond = rows.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Every rpt_* view queried <see cref="ViewRepeats"/> times: median and p95 milliseconds.</summary>
    static void Views(string warehouse, LoadResults results)
    {
        using var db = new DuckDBConnection($"Data Source={warehouse};ACCESS_MODE=READ_ONLY");
        db.Open();
        var views = db.Query<string>("select view_name from duckdb_views() where view_name like 'rpt_%' and not internal order by view_name").ToList();
        foreach (var view in views)
        {
            var times = new List<double>();
            var count = 0;
            for (var i = 0; i < ViewRepeats; i++)
            {
                var clock = Stopwatch.StartNew();
                using var reader = db.ExecuteReader($"select * from \"{view}\"");
                count = 0;
                while (reader.Read()) count++;
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            results.Views.Add((view, count, times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]));
        }
    }
}
