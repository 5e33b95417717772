using System.Diagnostics;
using System.Globalization;
using PerfEval.Bench.Generate;
using PerfEval.Bench.Measure;

// bench: the synthetic corpus generator and the benchmark of issue 7.
//   generate --docs N --out DIR [--seed S]
//   measure  --docs N [--corpus DIR] [--warehouse FILE] [--seed S] [--repeat R]
//   scale    --docs N [--factor F] [--pairs P] [--corpus DIR] [--large-corpus DIR] [--seed S]
const string Usage = """
    usage:
      bench generate --docs N --out DIR [--seed S]
      bench measure  --docs N [--corpus DIR] [--warehouse FILE] [--seed S] [--repeat R]
                     (R: each load timed R times, default 3; the median is reported, with every run)
      bench scale    --docs N [--factor F (2)] [--pairs P (4)] [--corpus DIR] [--large-corpus DIR]
                     (full loads of N and F×N reports alternating in one process, ABBA order: the time and
                      memory ratios of the flatness targets, each pair measured side by side)
      bench profile  --docs N --corpus DIR        (time per rule class, one thread)
      bench profile-load --warehouse FILE          (time per model, check and CSV, on a scratch copy)
      bench amend    --docs N --corpus DIR         (rewrite 1% of a corpus as corrected uploads, as measure does; on a copy)
    """;

if (args.Length == 0) { Console.Error.WriteLine(Usage); return 2; }
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) { Console.Error.WriteLine($"bad argument: {args[i]}\n{Usage}"); return 2; }
    options[args[i][2..]] = args[++i];
}
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
if (args[0] == "profile-load")
{
    if (!options.TryGetValue("warehouse", out var loaded)) { Console.Error.WriteLine($"--warehouse is required\n{Usage}"); return 2; }
    LoadProfile.Run(loaded, Console.Out);
    return 0;
}
if (!options.ContainsKey("docs")) { Console.Error.WriteLine($"--docs is required\n{Usage}"); return 2; }
var docs = Int("docs", 0);
var seed = Int("seed", 20240601);

switch (args[0])
{
    case "generate":
        if (!options.TryGetValue("out", out var outDir)) { Console.Error.WriteLine($"--out is required\n{Usage}"); return 2; }
        var clock = Stopwatch.StartNew();
        var bytes = CorpusGenerator.Generate(docs, outDir, seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {docs} synthetic reports ({bytes / 1024.0 / 1024.0:0.0} MB) and {CorpusGenerator.TruthFile} to {outDir} in {clock.Elapsed.TotalSeconds:0.0} s (seed {seed})"));
        return 0;
    case "measure":
        var repeat = Int("repeat", 3);
        if (repeat < 1) { Console.Error.WriteLine($"--repeat must be at least 1\n{Usage}"); return 2; }
        return await MeasureCommand.RunAsync(docs, options.GetValueOrDefault("corpus"), options.GetValueOrDefault("warehouse"), seed, Console.Out, repeat);
    case "scale":
        var factor = Int("factor", 2);
        var pairs = Int("pairs", 4);
        if (factor < 2 || pairs < 1) { Console.Error.WriteLine($"--factor must be at least 2 and --pairs at least 1\n{Usage}"); return 2; }
        return await ScaleCommand.RunAsync(docs, factor, options.GetValueOrDefault("corpus"), options.GetValueOrDefault("large-corpus"), pairs, seed, Console.Out);
    case "amend":
        var amended = LoadMeasurements.ChangeOnePercent(options.GetValueOrDefault("corpus") ?? throw new ArgumentException("--corpus is required"), CorpusGenerator.SeedOf(options["corpus"]) ?? seed);
        Console.WriteLine($"rewrote {amended.Count} reports as corrected uploads (truth.jsonl no longer describes them)");
        return 0;
    case "profile":
        RuleProfile.Run(options.GetValueOrDefault("corpus") ?? throw new ArgumentException("--corpus is required"), docs, Console.Out);
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
