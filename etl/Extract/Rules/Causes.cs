using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>
/// The deduction-cause taxonomy, read from <c>sql/taxonomy/causes.csv</c> (data, not code: analysts add
/// codes and patterns there). A text may carry several codes; none matching gives <c>other</c>.
/// </summary>
public static class Causes
{
    public sealed record Cause(string Code, string NameZh, string NameEn, Regex Pattern);

    static readonly Lazy<IReadOnlyList<Cause>> Taxonomy = new(Load);

    public static IReadOnlyList<Cause> All => Taxonomy.Value;

    public static List<string> Classify(string? text)
    {
        var codes = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return codes;
        var compact = Regex.Replace(text, @"\s+", "");
        foreach (var cause in All)
            if (cause.Pattern.ToString().Length > 0 && cause.Pattern.IsMatch(compact)) codes.Add(cause.Code);
        if (codes.Count == 0) codes.Add("other");
        return codes;
    }

    static List<Cause> Load()
    {
        using var stream = typeof(Causes).Assembly.GetManifestResourceStream("sql/taxonomy/causes.csv")
            ?? throw new InvalidOperationException("embedded resource sql/taxonomy/causes.csv is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses the taxonomy CSV: header <c>code,name_zh,name_en,patterns</c>; patterns are one .NET regex each.</summary>
    public static List<Cause> Parse(string csv)
    {
        using var reader = new StringReader(csv);
        using var parser = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture);
        var causes = new List<Cause>();
        parser.Read(); // header
        while (parser.Read())
        {
            var row = parser.Record;
            if (row is null || row.Length < 4 || row[0].Length == 0) continue;
            causes.Add(new Cause(row[0], row[1], row[2], new Regex(row[3], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))));
        }
        return causes;
    }
}
