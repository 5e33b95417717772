using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PerfEval.Bench.Measure;

/// <summary>Counts of a scoring run, safe to add to from several threads through <see cref="Add"/>.</summary>
public sealed class Tally
{
    public long Ok, Missing, Wrong;
    /// <summary>Failed checks (up to a cap), for the report: "WRONG file:field: expected …, got …".</summary>
    public List<string> Lines { get; } = [];
    public const int MaxLines = 200_000;

    public long Total => Ok + Missing + Wrong;
    public double AccuracyPct => Total == 0 ? 0 : 100.0 * Ok / Total;

    public void Add(Tally other)
    {
        lock (this)
        {
            Ok += other.Ok; Missing += other.Missing; Wrong += other.Wrong;
            foreach (var l in other.Lines) if (Lines.Count < MaxLines) Lines.Add(l);
        }
    }
}

/// <summary>
/// The matching rules of shared/tools/score_extract.py, for one truth object (golden format) against one
/// extract: numbers within 0.005, {"any_of": […]}, names equal after removing whitespace when one contains
/// the other, causes as subsets, *_count as exact list lengths; each check ok, missing or wrong.
/// </summary>
public static partial class TruthScorer
{
    const double Tolerance = 0.005;

    public static Tally Score(string name, JsonObject exp, JsonObject act)
    {
        var sc = new Tally();
        foreach (var (k, v) in exp)
        {
            if (k == "file") continue;
            var w = $"{name}:{k}";
            if (k == "cause_set")
            {
                var got = Rows(act["deductions"]).Concat(Rows(act["problems"])).SelectMany(r => Strings(r["causes"])).ToHashSet(StringComparer.Ordinal);
                foreach (var c in Strings(v)) Check(sc, $"{w}∋{c}", true, got.Contains(c) ? true : null);
            }
            else if (k.EndsWith("_count", StringComparison.Ordinal))
                Check(sc, w, v, JsonValue.Create(act[k[..^6]] is JsonArray a ? a.Count : 0));
            else if (k is "indicators" or "projects") CompareRows(sc, w, v!.AsArray(), act[k]);
            else if (k == "deductions") CompareDeductions(sc, w, v!.AsArray(), act[k]);
            else if (k == "score")
            {
                var s = v!.AsObject();
                var actScore = act["score"] as JsonObject ?? [];
                CompareObj(sc, w, s.Where(kv => kv.Key != "parts"), actScore);
                if (s["parts"] is JsonArray parts) CompareRows(sc, $"{w}.parts", parts, actScore["parts"]);
            }
            else if (v is JsonObject o && !o.ContainsKey("any_of")) CompareObj(sc, w, o, act[k] as JsonObject ?? []);
            else Check(sc, w, v, act[k]);
        }
        return sc;
    }

    static void CompareObj(Tally sc, string where, IEnumerable<KeyValuePair<string, JsonNode?>> exp, JsonObject act)
    {
        foreach (var (k, v) in exp)
        {
            if (v is JsonObject o && !o.ContainsKey("any_of")) CompareObj(sc, $"{where}.{k}", o, act[k] as JsonObject ?? []);
            else if (v is JsonArray && k == "causes") Causes(sc, where, v, act["causes"]);
            else Check(sc, $"{where}.{k}", v, act[k]);
        }
    }

    static void CompareRows(Tally sc, string where, JsonArray expRows, JsonNode? actRows)
    {
        var rows = Rows(actRows).ToList();
        foreach (var er in expRows.Select(r => r!.AsObject()))
        {
            var name = Str(er["name"]) ?? "";
            var match = rows.FirstOrDefault(ar => NameMatch(name, Str(ar["name"]) ?? ""));
            foreach (var (k, v) in er)
            {
                if (k == "name") continue;
                if (match is null) Check(sc, $"{where}[{name}].{k}", v, null);
                else if (k == "causes") Causes(sc, $"{where}[{name}]", v, match["causes"]);
                else Check(sc, $"{where}[{name}].{k}", v, match[k]);
            }
        }
    }

    static void CompareDeductions(Tally sc, string where, JsonArray expRows, JsonNode? actRows)
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
                    case "causes": Causes(sc, label, v, match?["causes"]); break;
                    case "indicator": Check(sc, $"{label}.found", true, match is null ? null : true); break;
                    case "section":
                        var section = match?["section"];
                        JsonNode? got = match is null ? null : NameMatch(Str(v) ?? "", Str(section) ?? "") ? true : section?.DeepClone();
                        Check(sc, $"{label}.section", true, got);
                        break;
                    default: Check(sc, $"{label}.{k}", v, match?[k]); break;
                }
            }
        }
    }

    static void Causes(Tally sc, string label, JsonNode? expected, JsonNode? actual)
    {
        var got = Strings(actual).ToHashSet(StringComparer.Ordinal);
        foreach (var c in Strings(expected)) Check(sc, $"{label}.causes∋{c}", true, got.Contains(c) ? true : null);
    }

    static void Check(Tally sc, string where, JsonNode? exp, JsonNode? act)
    {
        if (exp is JsonObject o && o["any_of"] is JsonArray anyOf)
        {
            if (anyOf.Any(e => Same(e, act))) sc.Ok++;
            else if (IsNull(act)) { sc.Missing++; sc.Lines.Add($"missing {where}: expected one of {anyOf.ToJsonString()}"); }
            else { sc.Wrong++; sc.Lines.Add($"WRONG   {where}: expected one of {anyOf.ToJsonString()}, got {Show(act)}"); }
            return;
        }
        if (Same(exp, act)) sc.Ok++;
        else if (IsNull(act)) { sc.Missing++; sc.Lines.Add($"missing {where}: expected {Show(exp)}"); }
        else { sc.Wrong++; sc.Lines.Add($"WRONG   {where}: expected {Show(exp)}, got {Show(act)}"); }
    }

    static string Norm(string s) => Whitespace().Replace(s, "").TrimEnd('。', ';', '；');

    public static bool NameMatch(string a, string b)
    {
        a = Norm(a);
        b = Norm(b);
        return a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));
    }

    static bool Same(JsonNode? exp, JsonNode? act)
    {
        if (IsNull(exp)) return IsNull(act);
        if (IsNull(act)) return false;
        return exp!.GetValueKind() switch
        {
            JsonValueKind.Number => act!.GetValueKind() == JsonValueKind.Number && Math.Abs(Number(exp) - Number(act)) <= Tolerance,
            JsonValueKind.True or JsonValueKind.False => act!.GetValueKind() == exp.GetValueKind(),
            JsonValueKind.String => act!.GetValueKind() == JsonValueKind.String && Norm(exp.GetValue<string>()) == Norm(act.GetValue<string>()),
            _ => JsonNode.DeepEquals(exp, act),
        };
    }

    static bool IsNull(JsonNode? n) => n is null || n.GetValueKind() == JsonValueKind.Null;

    static double Number(JsonNode n) => double.Parse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    static string Show(JsonNode? n) => n is null ? "null" : n.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    static string? Str(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    static IEnumerable<JsonObject> Rows(JsonNode? n) => n is JsonArray a ? a.OfType<JsonObject>() : [];

    static IEnumerable<string> Strings(JsonNode? n) => n is JsonArray a ? a.Select(Str).OfType<string>() : [];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
