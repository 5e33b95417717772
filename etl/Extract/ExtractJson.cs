using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfEval.Etl.Extract;

/// <summary>The JSON form of extracts: snake_case keys, nulls kept, Chinese written as is.</summary>
public static class ExtractJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(IEnumerable<ReportExtract> extracts) => JsonSerializer.Serialize(extracts.ToList(), Options);

    public static string Serialize(ReportExtract extract) => JsonSerializer.Serialize(extract, Options);

    public static ReportExtract Deserialize(string json) => JsonSerializer.Deserialize<ReportExtract>(json, Options)!;
}
