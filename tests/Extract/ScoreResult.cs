using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfEval.Tests.Extract;

/// <summary>The counts of one scoring run and a line per failed check.</summary>
public sealed class ScoreResult
{
    public int Ok { get; internal set; }
    public int Missing { get; internal set; }
    public int Wrong { get; internal set; }
    public int EvidenceBad { get; internal set; }
    public List<string> Lines { get; } = [];

    public int Total => Ok + Missing + Wrong;
    public double AccuracyPct => Total == 0 ? 0 : 100.0 * Ok / Total;

    /// <summary>The Python tool's last line: <c>accuracy=PCT ok=N missing=N wrong=N evidence_bad=N</c>.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"accuracy={AccuracyPct:0.0} ok={Ok} missing={Missing} wrong={Wrong} evidence_bad={EvidenceBad}");

    /// <summary>Every failed check, then the summary: the message a failing test shows.</summary>
    public string Report() => string.Join('\n', Lines.Append(Summary));

    internal void Check(string where, JsonNode? exp, JsonNode? act)
    {
        if (exp is JsonObject o && o["any_of"] is JsonArray anyOf)
        {
            var shown = anyOf.ToJsonString(ScoreJson.Options);
            if (anyOf.Any(e => GoldenScorer.Same(e, act))) Ok++;
            else if (IsNull(act)) { Missing++; Lines.Add($"missing {where}: expected one of {shown}"); }
            else { Wrong++; Lines.Add($"WRONG   {where}: expected one of {shown}, got {Show(act)}"); }
            return;
        }
        if (GoldenScorer.Same(exp, act)) Ok++;
        else if (IsNull(act)) { Missing++; Lines.Add($"missing {where}: expected {Show(exp)}"); }
        else { Wrong++; Lines.Add($"WRONG   {where}: expected {Show(exp)}, got {Show(act)}"); }
    }

    static bool IsNull(JsonNode? n) => n is null || n.GetValueKind() == JsonValueKind.Null;

    static string Show(JsonNode? n) => n is null ? "null" : n.ToJsonString(ScoreJson.Options);
}

static class ScoreJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
