using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract;

/// <summary>
/// A C# port of shared/tools/score_extract.py: the same checks, the same matching rules, the same counts,
/// so a test and the CI score line agree on what "right" means.
/// </summary>
public sealed partial class GoldenScorer(JsonObject expected)
{
    const double Tolerance = 0.005;

    /// <summary>The expectations file: file name → expected fields (the key "about" is prose).</summary>
    public JsonObject Expected { get; } = expected;

    public IEnumerable<string> Names => Expected.Select(kv => kv.Key).Where(k => k != "about");

    public static GoldenScorer Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8))!.AsObject());

    /// <summary>Scores one extract; with <paramref name="source"/> (the file's bytes) its evidence is checked too.</summary>
    public ScoreResult Score(string name, ReportExtract actual, byte[]? source = null) =>
        Score(name, JsonNode.Parse(ExtractJson.Serialize(actual))!.AsObject(), source);

    public ScoreResult Score(string name, JsonObject? actual, byte[]? source = null)
    {
        var result = new ScoreResult();
        Score(result, name, actual, source);
        return result;
    }

    /// <summary>Scores a whole <c>perfeval extract --json</c> array, like the Python tool's main.</summary>
    public ScoreResult ScoreAll(JsonArray actual, string? sourcesDir)
    {
        var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var o in actual.OfType<JsonObject>())
            byName[Path.GetFileName(Str(o["source"]) ?? "")] = o;
        var result = new ScoreResult();
        foreach (var name in Names)
        {
            var path = sourcesDir is null ? null : Path.Combine(sourcesDir, name);
            var bytes = path is not null && File.Exists(path) ? File.ReadAllBytes(path) : null;
            Score(result, name, byName.GetValueOrDefault(name), bytes);
        }
        return result;
    }

    void Score(ScoreResult sc, string name, JsonObject? act, byte[]? source)
    {
        var exp = Expected[name]?.AsObject() ?? throw new ArgumentException($"no expectations for {name}", nameof(name));
        if (act is null)
        {
            var n = CountLeaves(exp);
            sc.Missing += n;
            sc.Lines.Add($"missing {name}: no extract object for this file ({n} checks)");
            return;
        }
        foreach (var (k, v) in exp)
        {
            var w = $"{name}:{k}";
            if (k == "cause_set")
            {
                var got = new HashSet<string>(StringComparer.Ordinal);
                foreach (var row in Rows(act["deductions"]).Concat(Rows(act["problems"])))
                    got.UnionWith(Strings(row["causes"]));
                foreach (var c in Strings(v))
                    sc.Check($"{w}∋{c}", JsonValue.Create(true), got.Contains(c) ? JsonValue.Create(true) : null);
            }
            else if (k.EndsWith("_count", StringComparison.Ordinal))
            {
                sc.Check(w, v, JsonValue.Create(act[k[..^6]] is JsonArray a ? a.Count : 0));
            }
            else if (k is "indicators" or "projects")
            {
                CompareRows(sc, w, v!.AsArray(), act[k]);
            }
            else if (k == "deductions")
            {
                CompareDeductions(sc, w, v!.AsArray(), act[k]);
            }
            else if (k == "score")
            {
                var score = v!.AsObject();
                var actScore = Get(act, "score") as JsonObject ?? [];
                CompareObj(sc, w, score.Where(kv => kv.Key != "parts"), actScore);
                if (score["parts"] is JsonArray parts) CompareRows(sc, $"{w}.parts", parts, actScore["parts"]);
            }
            else if (v is JsonObject o && !o.ContainsKey("any_of"))
            {
                CompareObj(sc, w, o, Get(act, k) as JsonObject ?? []);
            }
            else
            {
                sc.Check(w, v, Get(act, k));
            }
        }
        if (source is not null) CheckEvidence(sc, name, act, source);
    }

    static void CompareObj(ScoreResult sc, string where, IEnumerable<KeyValuePair<string, JsonNode?>> exp, JsonObject act)
    {
        foreach (var (k, v) in exp)
        {
            if (v is JsonObject o && !o.ContainsKey("any_of"))
                CompareObj(sc, $"{where}.{k}", o, Get(act, k) as JsonObject ?? []);
            else if (v is JsonArray && k == "causes")
                CheckCauses(sc, where, v, act["causes"]);
            else
                sc.Check($"{where}.{k}", v, Get(act, k));
        }
    }

    static void CompareRows(ScoreResult sc, string where, JsonArray expRows, JsonNode? actRows)
    {
        var rows = Rows(actRows).ToList();
        foreach (var er in expRows.Select(r => r!.AsObject()))
        {
            var name = Str(er["name"]) ?? "";
            var match = rows.FirstOrDefault(ar => NameMatch(name, Str(ar["name"]) ?? ""));
            foreach (var (k, v) in er)
            {
                if (k == "name") continue;
                if (match is null) sc.Check($"{where}[{name}].{k}", v, null);
                else if (k == "causes") CheckCauses(sc, $"{where}[{name}]", v, match["causes"]);
                else sc.Check($"{where}[{name}].{k}", v, match[k]);
            }
        }
    }

    static void CompareDeductions(ScoreResult sc, string where, JsonArray expRows, JsonNode? actRows)
    {
        var rows = Rows(actRows).ToList();
        for (var i = 0; i < expRows.Count; i++)
        {
            var er = expRows[i]!.AsObject();
            var indicator = Str(er["indicator"]);
            var match = rows.FirstOrDefault(ar => NameMatch(indicator ?? "", Str(ar["indicator"]) ?? ""));
            var label = $"{where}[{indicator ?? i.ToString(CultureInfo.InvariantCulture)}]";
            foreach (var (k, v) in er)
            {
                switch (k)
                {
                    case "causes":
                        CheckCauses(sc, label, v, match?["causes"]);
                        break;
                    case "indicator":
                        sc.Check($"{label}.found", JsonValue.Create(true), match is null ? null : JsonValue.Create(true));
                        break;
                    case "section":
                        // Python: None if no match else (name_match(v, section or "") or section)
                        var section = match?["section"];
                        JsonNode? got = match is null ? null
                            : NameMatch(Str(v) ?? "", Str(section) ?? "") ? JsonValue.Create(true) : section?.DeepClone();
                        sc.Check($"{label}.section", JsonValue.Create(true), got);
                        break;
                    default:
                        sc.Check($"{label}.{k}", v, match?[k]);
                        break;
                }
            }
        }
    }

    static void CheckCauses(ScoreResult sc, string label, JsonNode? expected, JsonNode? actual)
    {
        var got = Strings(actual).ToHashSet(StringComparer.Ordinal);
        foreach (var c in Strings(expected))
            sc.Check($"{label}.causes∋{c}", JsonValue.Create(true), got.Contains(c) ? JsonValue.Create(true) : null);
    }

    static void CheckEvidence(ScoreResult sc, string name, JsonObject act, byte[] source)
    {
        var text = SourceText.Decode(source);
        if (text is null) return;
        var lines = SourceText.Lines(text);
        if (act["evidence"] is not JsonObject evidence) return;
        foreach (var (field, ev) in evidence)
        {
            var lineNode = ev?["line"];
            int? line = lineNode is JsonValue lv && lv.GetValueKind() == JsonValueKind.Number && lv.TryGetValue<int>(out var l) ? l : null;
            var quote = Str(ev?["quote"]) ?? "";
            var ok = line is >= 1 && line <= lines.Length && quote.Length > 0 && lines[line.Value - 1].Contains(quote, StringComparison.Ordinal);
            if (!ok)
            {
                sc.EvidenceBad++;
                sc.Lines.Add($"EVIDENCE {name}:{field}: line {line?.ToString(CultureInfo.InvariantCulture) ?? "None"} does not contain '{quote}'");
            }
        }
    }

    // ---- the Python helpers: norm, same, name_match, count_leaves ----

    internal static string Norm(string s) => Whitespace().Replace(s, "").TrimEnd('。', ';', '；');

    internal static bool NameMatch(string a, string b)
    {
        a = Norm(a);
        b = Norm(b);
        return a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));
    }

    internal static bool Same(JsonNode? exp, JsonNode? act)
    {
        if (IsNull(exp)) return IsNull(act);
        switch (exp!.GetValueKind())
        {
            case JsonValueKind.Number:
                return !IsNull(act) && act!.GetValueKind() == JsonValueKind.Number
                    && Math.Abs(Number(exp) - Number(act)) <= Tolerance;
            case JsonValueKind.True or JsonValueKind.False:
                return !IsNull(act) && act!.GetValueKind() == exp.GetValueKind();
            case JsonValueKind.String:
                return !IsNull(act) && act!.GetValueKind() == JsonValueKind.String && Norm(exp.GetValue<string>()) == Norm(act.GetValue<string>());
            default:
                return JsonNode.DeepEquals(exp, act);
        }
    }

    static int CountLeaves(JsonNode? v) => v switch
    {
        JsonObject o when !o.ContainsKey("any_of") => o.Sum(kv => CountLeaves(kv.Value)),
        JsonArray a => a.Sum(CountLeaves) is var n && n > 0 ? n : 1,
        _ => 1,
    };

    static bool IsNull(JsonNode? n) => n is null || n.GetValueKind() == JsonValueKind.Null;

    static double Number(JsonNode n) => double.Parse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    static JsonNode? Get(JsonNode? obj, string key) => obj is JsonObject o ? o[key] : null;

    static string? Str(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    static IEnumerable<JsonObject> Rows(JsonNode? n) => n is JsonArray a ? a.OfType<JsonObject>() : [];

    static IEnumerable<string> Strings(JsonNode? n) =>
        n is JsonArray a ? a.Select(Str).OfType<string>() : [];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
