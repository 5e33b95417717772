using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using PerfEval.Bench.Generate;
using PerfEval.Etl.Extract;

namespace PerfEval.Bench.Measure;

/// <summary>Throughput of one extraction pass: documents, bytes and seconds.</summary>
public sealed record Throughput(int Threads, int Docs, long Bytes, double Seconds, double CpuSeconds)
{
    /// <summary>Documents per second of CPU time: the cost per document, unaffected by other load on a shared machine.</summary>
    public double DocsPerCpuSecond => Docs / CpuSeconds;
    public double DocsPerSecond => Docs / Seconds;
    public double MegabytesPerSecond => Bytes / 1024.0 / 1024.0 / Seconds;
}

/// <summary>
/// Extraction over a generated corpus: timed on one thread and on all cores (each file read, then extracted,
/// never all held at once), and scored against truth.jsonl.
/// </summary>
public static class ExtractionMeasurements
{
    /// <summary>The corpus's files in truth order, paths relative to the corpus root.</summary>
    public static IEnumerable<JsonObject> Truths(string corpus)
    {
        foreach (var line in File.ReadLines(Path.Combine(corpus, CorpusGenerator.TruthFile), Encoding.UTF8))
            if (line.Length > 0) yield return JsonNode.Parse(line)!.AsObject();
    }

    /// <summary>Extracts the first documents untimed, so tiered JIT has compiled the rules' hot paths before timing.</summary>
    public static void WarmUp(string corpus, IReadOnlyList<string> files)
    {
        foreach (var f in files.Take(2000)) Extractor.Extract(File.ReadAllBytes(Path.Combine(corpus, f)), f);
    }

    public static Throughput Time(string corpus, IReadOnlyList<string> files, int threads)
    {
        long bytes = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => 0L, (f, _, local) =>
        {
            var data = File.ReadAllBytes(Path.Combine(corpus, f));
            Extractor.Extract(data, f);
            return local + data.Length;
        }, local => Interlocked.Add(ref bytes, local));
        clock.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new Throughput(threads, files.Count, bytes, clock.Elapsed.TotalSeconds, cpuSeconds);
    }

    /// <summary>Extracts every file (all cores) and scores it against its truth line.</summary>
    public static Tally Accuracy(string corpus)
    {
        var tally = new Tally();
        Parallel.ForEach(Truths(corpus), () => new Tally(), (truth, _, local) =>
        {
            var file = truth["file"]!.GetValue<string>();
            var extract = Extractor.Extract(File.ReadAllBytes(Path.Combine(corpus, file)), file);
            var actual = JsonNode.Parse(ExtractJson.Serialize(extract))!.AsObject();
            local.Add(TruthScorer.Score(file, truth, actual));
            return local;
        }, tally.Add);
        return tally;
    }
}
