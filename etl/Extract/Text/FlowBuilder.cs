using System.Text;
using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract.Text;

/// <summary>Builds <see cref="ReportText.Flow"/> and its map back to original line and column.</summary>
internal sealed partial class FlowBuilder(string[] original)
{
    readonly StringBuilder _text = new();
    readonly List<int> _lines = [];
    readonly List<int> _cols = [];

    public string Text => _text.ToString();
    public int[] Lines => [.. _lines];
    public int[] Cols => [.. _cols];

    public void Break()
    {
        if (_text.Length > 0 && _text[^1] != '\n') Synthetic('\n');
    }

    public void Synthetic(char c)
    {
        _text.Append(c);
        _lines.Add(-1);
        _cols.Add(-1);
    }

    /// <summary>Appends a content line: tags become breaks or cell separators, meaningless spaces go.</summary>
    public void AppendLine(TextLine line)
    {
        var raw = original[line.Index];
        var end = line.Offset + line.Text.Length;
        for (var i = line.Offset; i < end; i++)
        {
            var c = CharNormalizer.Normalize(raw[i]);
            if (c == '<')
            {
                var tag = Tag().Match(raw, i);
                if (tag.Success && tag.Index == i)
                {
                    var name = tag.Groups[1].Value.ToLowerInvariant();
                    if (name is "td" or "th") { if (_text.Length > 0 && _text[^1] != '\t') Synthetic('\t'); }
                    else if (name is not ("span" or "b" or "strong" or "i" or "em" or "font")) Break();
                    i += tag.Length - 1;
                    continue;
                }
            }
            if (c == '&')
            {
                var entity = Entity().Match(raw, i);
                if (entity.Success && entity.Index == i)
                {
                    if (entity.Value is "&nbsp;" or "&#160;") i += entity.Length - 1;
                    else { Add(entity.Value switch { "&lt;" => '<', "&gt;" => '>', "&quot;" => '"', _ => '&' }, line.Index, i); i += entity.Length - 1; }
                    continue;
                }
            }
            if (c == ' ' || c == '*' && i + 1 < end && raw[i + 1] == '*')
            {
                // A space matters only between two ASCII letters/digits ("10 12"); markdown bold (**) never.
                var j = i;
                while (j < end && (CharNormalizer.Normalize(raw[j]) == ' ' || raw[j] == '*')) j++;
                var next = j < end ? CharNormalizer.Normalize(raw[j]) : '\0';
                var prev = _text.Length > 0 ? _text[^1] : '\0';
                if ((CharNormalizer.IsAsciiAlnum(prev) || prev == '.') && (CharNormalizer.IsAsciiAlnum(next) || next == '.')) Add(' ', line.Index, i);
                i = j - 1;
                continue;
            }
            Add(c, line.Index, i);
        }
    }

    void Add(char c, int line, int col)
    {
        _text.Append(c);
        _lines.Add(line);
        _cols.Add(col);
    }

    [GeneratedRegex(@"</?([A-Za-z]{1,10})\b[^<>]{0,200}?/?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"&(?:nbsp|lt|gt|amp|quot|#\d{1,5});")]
    private static partial Regex Entity();
}
