using System.Text;

namespace PerfEval.Tests.Extract;

/// <summary>The ways <see cref="Relayout"/> can re-lay a report.</summary>
public enum RelayoutKind
{
    /// <summary>Hard line breaks every 25–30 characters inside long prose lines, blank lines between.</summary>
    Wrap,
    /// <summary>Page markers (<c>— 8 —</c>, <c>- 3 -</c>, <c>第 5 页 共 9 页</c>) and a running header between paragraphs.</summary>
    Paged,
    /// <summary>GB18030 bytes with CRLF line ends.</summary>
    Gb18030Crlf,
    /// <summary>UTF-16LE with a BOM.</summary>
    Utf16,
    /// <summary>ASCII digits and <c>. % : ( )</c> turned full-width.</summary>
    FullWidth,
}

/// <summary>
/// Re-lays a seed report the way real PDF-to-text extracts look, preserving its meaning: every
/// number stays whole on one line, tables (tab-separated rows, HTML fragments) stay intact.
/// Deterministic, so a failure always reproduces.
/// </summary>
public static class Relayout
{
    const int LongLine = 30;

    public static byte[] Apply(RelayoutKind kind, string text) => kind switch
    {
        RelayoutKind.Wrap => Utf8(Wrap(text)),
        RelayoutKind.Paged => Utf8(Paged(text)),
        RelayoutKind.Gb18030Crlf => SourceText.Gb18030Strict.GetBytes(Crlf(text)),
        RelayoutKind.Utf16 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        RelayoutKind.FullWidth => Utf8(FullWidth(text)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Breaks every long prose line into pieces of 25–30 characters separated by a blank line.</summary>
    public static string Wrap(string text)
    {
        var lines = Split(text);
        var sb = new StringBuilder();
        for (var n = 0; n < lines.Length; n++)
        {
            if (n > 0) sb.Append('\n');
            var line = lines[n];
            if (line.Length <= LongLine || line.Contains('\t') || line.Contains('<')) { sb.Append(line); continue; }
            var start = 0;
            var step = 0;
            while (line.Length - start > LongLine)
            {
                var cut = start + 25 + step++ % 6; // 25, 26, ... 30, 25, ...
                while (cut < line.Length && !CanBreak(line, cut)) cut++;
                if (line.Length - cut < 1) break;
                sb.Append(line, start, cut - start).Append("\n\n");
                start = cut;
            }
            sb.Append(line, start, line.Length - start);
        }
        return sb.ToString();
    }

    /// <summary>A break before <c>line[i]</c> splits no number, word of Latin letters or number-and-unit pair.</summary>
    static bool CanBreak(string line, int i) => !Sticky(line[i - 1]) && !Sticky(line[i]) && !(line[i - 1] == '万' && line[i] == '元');

    static bool Sticky(char c) => char.IsAsciiLetterOrDigit(c) || char.IsWhiteSpace(c) || c is '.' or '%' or '-' or '/' or ':' or ','
        || c is >= '０' and <= '９' or '．' or '％';

    /// <summary>Inserts a page break (marker, blank line, running header) before every third paragraph.</summary>
    public static string Paged(string text)
    {
        var lines = Split(text);
        var header = RunningHeader(lines);
        string[] markers = ["— {0} —", "- {0} -", "第 {0} 页 共 {1} 页"];
        var output = new List<string>();
        int paragraphs = 0, page = 1;
        for (var n = 0; n < lines.Length; n++)
        {
            // A paragraph (or table) starts after a blank line; rows of one table are never split.
            var boundary = n > 0 && lines[n].Trim().Length > 0 && lines[n - 1].Trim().Length == 0;
            if (boundary && ++paragraphs % 3 == 0)
            {
                output.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, markers[page % markers.Length], page, 99));
                output.Add("");
                output.Add(header);
                output.Add("");
                page++;
            }
            output.Add(lines[n]);
        }
        return string.Join('\n', output);
    }

    /// <summary>The title line a PDF repeats at the top of each page: the first line naming the report.</summary>
    static string RunningHeader(string[] lines)
    {
        var nonEmpty = lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return nonEmpty.FirstOrDefault(l => l.Length <= 40 && (l.Contains("报告", StringComparison.Ordinal) || l.Contains("自评表", StringComparison.Ordinal)))
            ?? nonEmpty.FirstOrDefault() ?? "绩效自评报告";
    }

    public static string Crlf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    /// <summary>ASCII digits, <c>.</c>, <c>%</c>, <c>:</c>, <c>(</c> and <c>)</c> as their full-width forms.</summary>
    public static string FullWidth(string text) => string.Create(text.Length, text, static (span, s) =>
    {
        for (var i = 0; i < s.Length; i++)
            span[i] = s[i] is >= '0' and <= '9' or '.' or '%' or ':' or '(' or ')' ? (char)(s[i] + 0xFEE0) : s[i];
    });

    static string[] Split(string text) => SourceText.Lines(text);

    static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);
}
