using System.Reflection;
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

    /// <summary>Parses the taxonomy CSV: header <c>code,name_zh,name_en,patterns</c>; patterns are regexes joined by '|'.</summary>
    public static List<Cause> Parse(string csv)
    {
        var causes = new List<Cause>();
        foreach (var line in csv.Split('\n').Skip(1))
        {
            var row = line.TrimEnd('\r');
            if (row.Length == 0 || row.StartsWith('#')) continue;
            var cells = SplitCsv(row);
            if (cells.Count < 4) continue;
            causes.Add(new Cause(cells[0], cells[1], cells[2], new Regex(cells[3], RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))));
        }
        return causes;
    }

    static List<string> SplitCsv(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < row.Length && row[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
