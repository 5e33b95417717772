using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PerfEval.Bench.Generate;

namespace PerfEval.Bench.Measure;

/// <summary><c>measure</c>: generate or reuse a corpus, then time extraction, score it, and load it when the pipeline exists.</summary>
public static partial class MeasureCommand
{
    public static async Task<int> RunAsync(int docs, string? corpus, string? warehouse, int seed, TextWriter o, int repeat = 1)
    {
        var root = Path.Combine(Path.GetTempPath(), "perfeval-bench");
        corpus ??= Path.Combine(root, $"corpus-{docs}");
        warehouse ??= Path.Combine(root, $"warehouse-{docs}", "warehouse.duckdb");
        var total = Stopwatch.StartNew();

        EnsureCorpus(docs, corpus, seed, o);
        var corpusSeed = CorpusGenerator.SeedOf(corpus) ?? seed;
        var files = ExtractionMeasurements.Truths(corpus).Select(t => t["file"]!.GetValue<string>()).ToList();

        o.WriteLine("extract: warming up (up to 2,000 documents, untimed, so tiered JIT reaches steady state) …");
        ExtractionMeasurements.WarmUp(corpus, files);
        o.WriteLine($"extract: all {Environment.ProcessorCount} cores …");
        var all = ExtractionMeasurements.Time(corpus, files, Environment.ProcessorCount);
        o.WriteLine("extract: one thread …");
        var one = ExtractionMeasurements.Time(corpus, files, 1);
        o.WriteLine("extract: scoring against truth.jsonl …");
        var tally = ExtractionMeasurements.Accuracy(corpus);
        var failures = Path.GetFullPath(corpus).TrimEnd('/') + ".failures.txt";
        File.WriteAllLines(failures, tally.Lines.Order(StringComparer.Ordinal));
        o.WriteLine($"extract: {tally.Lines.Count} failed checks written to {failures}");

        var extractionPeak = PeakResidentMegabytes();
        var reset = ResetPeak();
        var load = await LoadMeasurements.RunAsync(corpus, warehouse, corpusSeed, o, repeat);
        var loadPeak = Math.Max(PeakResidentMegabytes(), LoadMeasurements.MaxStepPeakMegabytes);
        var peak = Math.Max(extractionPeak, loadPeak);
        if (reset) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: peak {extractionPeak:0} MB during the extraction passes, {loadPeak:0} MB during the loads and queries"));

        o.WriteLine();
        Print(o, docs, one, all, tally, load, peak, total.Elapsed.TotalSeconds);
        return 0;
    }

    /// <summary>Reuses the corpus of <paramref name="docs"/> reports in <paramref name="corpus"/>, or generates it there; returns the folder.</summary>
    internal static string EnsureCorpus(int docs, string corpus, int seed, TextWriter o)
    {
        if (CorpusGenerator.IsCorpus(corpus, docs))
        {
            o.WriteLine($"corpus: reusing {corpus}");
            return corpus;
        }
        o.WriteLine($"corpus: generating {docs} documents into {corpus} (seed {seed}) …");
        if (Directory.Exists(corpus)) Directory.Delete(corpus, recursive: true);
        var clock = Stopwatch.StartNew();
        var bytes = CorpusGenerator.Generate(docs, corpus, seed);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus: {bytes / 1024.0 / 1024.0:0.0} MB in {clock.Elapsed.TotalSeconds:0.0} s"));
        return corpus;
    }

    static void Print(TextWriter o, int docs, Throughput one, Throughput all, Tally tally, LoadResults load, double peak, double seconds)
    {
        string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
        string Row(string what, string value) => $"  {what,-44} {value}";
        o.WriteLine($"== measure: {docs} documents, {Environment.ProcessorCount} cores, load average {LoadAverage()} ==");
        o.WriteLine(Row("extraction, 1 thread", $"{F(one.DocsPerSecond, "0")} docs/s  {F(one.MegabytesPerSecond, "0.00")} MB/s  ({F(one.Seconds, "0.00")} s, {F(one.DocsPerCpuSecond, "0")} docs per CPU-s)"));
        o.WriteLine(Row($"extraction, {all.Threads} threads", $"{F(all.DocsPerSecond, "0")} docs/s  {F(all.MegabytesPerSecond, "0.00")} MB/s  ({F(all.Seconds, "0.00")} s, {F(all.DocsPerCpuSecond, "0")} docs per CPU-s)"));
        o.WriteLine(Row("accuracy vs truth.jsonl", string.Create(CultureInfo.InvariantCulture, $"{tally.AccuracyPct:0.00}%  ok={tally.Ok} missing={tally.Missing} wrong={tally.Wrong}")));
        if (load.Unavailable is not null) o.WriteLine(Row("load", load.Unavailable));
        void Run(string name, RunResult? r, IReadOnlyList<RunResult> runs, double? share = null)
        {
            if (r is null) return;
            var of = share is { } s ? $"  ({F(s * 100, "0.0")}% of full)" : "";
            o.WriteLine(Row(name, $"{F(r.Seconds, "0.00")} s  status={r.Status} seen={r.Seen} new={r.New} unchanged={r.Unchanged} rejected={r.Rejected} rows={r.Rows}{of}"));
            if (runs.Count > 1) o.WriteLine(Row("", $"median of {runs.Count} runs: {string.Join(", ", runs.Select(x => F(x.Seconds, "0.00")))} s"));
            o.WriteLine(Row("", $"CPU {F(r.CpuSeconds, "0.00")} s (JIT {F(r.JitSeconds, "0.00")} s), {F(r.AllocatedMegabytes, "0")} MB allocated (managed)"));
        }
        Run("full load, empty warehouse", load.Full, load.FullRuns);
        if (load.BulkRowsPerSecond is { } bulk) o.WriteLine(Row("load rows/s (bulk)", F(bulk, "0")));
        if (load.NaiveRowsPerSecond is { } naive)
            o.WriteLine(Row($"naive Dapper INSERTs ({load.NaiveRows} rows of {load.NaiveTable})", $"{F(naive, "0")} rows/s  bulk is {F((load.BulkRowsPerSecond ?? 0) / naive, "0")}× faster"));
        Run("rerun, nothing changed", load.Rerun, load.RerunRuns, load.Rerun?.Seconds / load.Full?.Seconds);
        Run($"rerun, {load.ChangedFiles} files changed (1%)", load.Changed, load.ChangedRuns, load.Changed?.Seconds / load.Full?.Seconds);
        foreach (var v in load.Views) o.WriteLine(Row($"view {v.View} ({v.Rows} rows)", $"median {F(v.MedianMs, "0.0")} ms  p95 {F(v.P95Ms, "0.0")} ms"));
        o.WriteLine(Row("peak resident memory", $"{F(peak, "0")} MB"));
        o.WriteLine(Row("whole measure run", $"{F(seconds, "0.0")} s"));
        var wrong = tally.Lines.Where(l => l.StartsWith("WRONG", StringComparison.Ordinal)).ToList();
        if (wrong.Count > 0)
        {
            o.WriteLine($"wrong values ({tally.Wrong}; first {Math.Min(15, wrong.Count)}):");
            foreach (var l in wrong.Take(15)) o.WriteLine("  " + l);
        }
        var missing = tally.Lines.Where(l => l.StartsWith("missing", StringComparison.Ordinal))
            .GroupBy(l => FieldOf().Replace(l, "")).OrderByDescending(g => g.Count()).Take(10).ToList();
        if (missing.Count > 0)
        {
            o.WriteLine("missing values, most frequent fields:");
            foreach (var g in missing) o.WriteLine($"  {g.Count(),6}  {g.Key}");
        }
        string Na(double? v, string format) => v is { } x ? F(x, format) : "NA";
        var p95 = load.Views.Count > 0 ? load.Views.Max(v => v.P95Ms) : (double?)null;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"docs={docs} full_s={Na(load.Full?.Seconds, "0.00")} rerun_s={Na(load.Rerun?.Seconds, "0.00")} changed_s={Na(load.Changed?.Seconds, "0.00")} extract_docs_per_s={all.DocsPerSecond:0} accuracy_pct={tally.AccuracyPct:0.00} load_rows_per_s={Na(load.BulkRowsPerSecond, "0")} query_p95_ms={Na(p95, "0.0")} peak_rss_mb={peak:0}"));
    }

    /// <summary>The 1-minute load average (Linux): other work on a shared machine slows every timing.</summary>
    static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Resets VmHWM to the current resident size (Linux: <c>echo 5 &gt; /proc/self/clear_refs</c>), so the next phase's peak is its own.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>VmHWM from /proc/self/status (Linux), else the process's peak working set.</summary>
    public static double PeakResidentMegabytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(Digits().Match(line).Value, CultureInfo.InvariantCulture) / 1024.0;
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
    }

    /// <summary>"missing synthetic_…txt:budget.spent_wan: expected 1" → "missing budget.spent_wan".</summary>
    [GeneratedRegex(@"(?<=^missing )[^:]*:|(?<=\[)[^\]]*(?=\])|: expected.*$")]
    private static partial Regex FieldOf();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
