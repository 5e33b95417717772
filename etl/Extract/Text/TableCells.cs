using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract.Text;

/// <summary>One cell of a table: its line and where it sits in it.</summary>
public sealed record TableCell(TextLine Line, int Start, string Text);

/// <summary>Tables as a stream of cells, whether they came tab- or pipe-separated or one cell per line.</summary>
public static partial class TableCells
{
    /// <summary>Every non-empty cell of every line, in reading order (markdown rules "---" left out).</summary>
    public static List<TableCell> Of(IReadOnlyList<TextLine> lines)
    {
        var cells = new List<TableCell>();
        foreach (var line in lines)
        {
            var start = 0;
            foreach (var part in line.Text.Split('\t'))
            {
                var trimmed = part.Trim();
                if (trimmed.Length > 0 && !MarkdownRule().IsMatch(trimmed))
                    cells.Add(new TableCell(line, start + part.IndexOf(trimmed, StringComparison.Ordinal), trimmed));
                start += part.Length + 1;
            }
        }
        return cells;
    }

    /// <summary>"履职效能（50分）" → "履职效能".</summary>
    public static string CleanCategory(string category) => CategoryPoints().Replace(Regex.Replace(category, @"\s+", ""), "");

    [GeneratedRegex(@"^:?-{3,}:?$")]
    private static partial Regex MarkdownRule();

    [GeneratedRegex(@"[(（]\d+(?:\.\d+)?分?[)）]$")]
    private static partial Regex CategoryPoints();
}
