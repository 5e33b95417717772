using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Bench.Measure;

/// <summary>
/// Where extraction time goes: decode, text layout and each rule class timed separately over a corpus
/// (one thread). The rules are internal to PerfEval.Etl, so they are reached by reflection, in the order
/// ReportParser runs them; the bench never changes them.
/// </summary>
public static class RuleProfile
{
    static readonly string[] Rules =
        ["DocumentRules", "ScoreRules", "BudgetRules", "BudgetTableRules", "ProjectRules", "DeductionRules", "IndicatorRules", "SectionRules"];

    public static void Run(string corpus, int maxDocs, TextWriter o)
    {
        var etl = typeof(Extractor).Assembly;
        var contextType = etl.GetType("PerfEval.Etl.Extract.Rules.ParseContext", throwOnError: true)!;
        var apply = Rules.Select(r => (Name: r, Method: etl.GetType($"PerfEval.Etl.Extract.Rules.{r}", throwOnError: true)!
            .GetMethod("Apply", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!)).ToList();
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string k, Stopwatch s) => times[k] = times.GetValueOrDefault(k) + s.Elapsed.TotalMilliseconds;
        var slowest = new List<(double Ms, string File)>();
        var n = 0;
        // Pass 0 warms the JIT up and is not counted; pass 1 is timed.
        for (var pass = 0; pass < 2; pass++)
        foreach (var truth in ExtractionMeasurements.Truths(corpus).Take(maxDocs))
        {
            if (pass == 0)
            {
                var f0 = truth["file"]!.GetValue<string>();
                Extractor.Extract(File.ReadAllBytes(Path.Combine(corpus, f0)), f0);
                continue;
            }
            var file = truth["file"]!.GetValue<string>();
            var bytes = File.ReadAllBytes(Path.Combine(corpus, file));
            var whole = Stopwatch.StartNew();
            var s = Stopwatch.StartNew();
            var decoded = TextDecoder.Decode(bytes);
            Add("decode", s);
            if (!decoded.IsOk) continue;
            s.Restart();
            var text = ReportText.Parse(decoded.Text!);
            Add("ReportText.Parse (lines, flow)", s);
            s.Restart();
            var ctx = Activator.CreateInstance(contextType, text, new ReportExtract(), ParseBudget.Unlimited)!;
            Add("ParseContext (declared unit)", s);
            foreach (var (name, method) in apply)
            {
                s.Restart();
                method.Invoke(null, [ctx]);
                Add(name, s);
            }
            slowest.Add((whole.Elapsed.TotalMilliseconds, file));
            n++;
        }
        var total = times.Values.Sum();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== where extraction time goes: {n} documents, one thread, {total / n:0.00} ms per document =="));
        foreach (var (k, v) in times.OrderByDescending(kv => kv.Value))
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {k,-32} {v / n,8:0.000} ms/doc  {100 * v / total,5:0.0}%"));
        Regexes(corpus, maxDocs, o);
        o.WriteLine("slowest documents:");
        foreach (var (ms, f) in slowest.OrderByDescending(x => x.Ms).Take(5))
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,8:0.0} ms  {f}"));
    }

    /// <summary>
    /// Every generated regex of the rule classes run over each document's flow text (the view most rules scan):
    /// which pattern costs most. A rough guide: some rules run their patterns on lines or items instead.
    /// </summary>
    static void Regexes(string corpus, int maxDocs, TextWriter o)
    {
        var etl = typeof(Extractor).Assembly;
        var regexes = Rules.Append("Places").SelectMany(r => etl.GetType($"PerfEval.Etl.Extract.Rules.{r}", throwOnError: true)!
                .GetMethods(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(System.Text.RegularExpressions.Regex) && m.GetParameters().Length == 0)
                .Select(m => (Name: $"{r}.{m.Name}", Regex: (System.Text.RegularExpressions.Regex)m.Invoke(null, null)!)))
            .ToList();
        var flows = ExtractionMeasurements.Truths(corpus).Take(Math.Min(maxDocs, 1000))
            .Select(t => TextDecoder.Decode(File.ReadAllBytes(Path.Combine(corpus, t["file"]!.GetValue<string>()))))
            .Where(d => d.IsOk).Select(d => ReportText.Parse(d.Text!).Flow).ToList();
        var times = new List<(string Name, double Ms)>();
        foreach (var (name, regex) in regexes)
        {
            foreach (var f in flows.Take(50)) regex.Count(f);
            var s = Stopwatch.StartNew();
            foreach (var f in flows) regex.Count(f);
            times.Add((name, s.Elapsed.TotalMilliseconds / flows.Count));
        }
        o.WriteLine("regexes over the flow text, most expensive first:");
        foreach (var (name, ms) in times.OrderByDescending(t => t.Ms).Take(10))
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-44} {ms,8:0.000} ms/doc"));
    }
}
