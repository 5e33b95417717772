using System.Globalization;
using System.Text;

namespace PerfEval.Bench.Generate;

/// <summary>How a report's text is laid out and encoded: the artefacts of real PDF-to-text extracts.</summary>
public sealed record Artefacts(bool Wrap, bool Paged, bool FullWidth, string Encoding)
{
    public static readonly Artefacts Plain = new(false, false, false, "utf-8");
}

/// <summary>
/// A report as blocks: prose paragraphs (which a PDF extract may hard-wrap) and raw lines (tables,
/// headings, label lines, which it does not). Rendering adds the artefacts; meaning never changes:
/// a number is never split, a table row never wrapped.
/// </summary>
public sealed class Doc
{
    /// <summary>The first line of every generated report, so it is never mistaken for a real one.</summary>
    public const string Banner = "【合成测试数据，非真实报告】";

    readonly List<(string Text, bool Prose)> _blocks = [];

    /// <summary>The title, repeated as the running header of each page when paged.</summary>
    public string Title { get; set; } = "";

    /// <summary>A paragraph of prose; may be hard-wrapped.</summary>
    public Doc Para(string text) { _blocks.Add((text, true)); return this; }

    /// <summary>Lines that stay as they are (a heading, a label line, table rows), as one block.</summary>
    public Doc Lines(params string[] lines) { _blocks.Add((string.Join('\n', lines), false)); return this; }

    public string Render(Artefacts a)
    {
        var sb = new StringBuilder();
        sb.Append(Banner).Append("\n\n");
        var breaks = PageBreaks(a.Paged);
        var page = 1;
        for (var i = 0; i < _blocks.Count; i++)
        {
            if (i > 0) sb.Append("\n\n");
            if (breaks.Contains(i))
            {
                // A page break between paragraphs: the page number, then the running header.
                page++;
                sb.Append(PageMarker(page, i)).Append("\n\n").Append(Title).Append("\n\n");
            }
            var (text, prose) = _blocks[i];
            sb.Append(prose && a.Wrap ? Wrap(text, i) : text);
        }
        sb.Append('\n');
        var s = sb.ToString();
        return a.FullWidth ? ToFullWidth(s) : s;
    }

    /// <summary>Blocks a page break goes before: at least two (so the running header repeats and reads as one), or none.</summary>
    HashSet<int> PageBreaks(bool paged)
    {
        if (!paged) return [];
        var every = Math.Max(3, _blocks.Count / Math.Max(3, _blocks.Count / 8));
        var at = Enumerable.Range(5, Math.Max(0, _blocks.Count - 5)).Where(i => i % every == 0).ToHashSet();
        return at.Count >= 2 ? at : [];
    }

    public byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => new UTF8Encoding(false).GetBytes(text),
        "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. new UTF8Encoding(false).GetBytes(text)],
        "gb18030" => Gb18030.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)),
        "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    static readonly Encoding Gb18030 = CreateGb18030();

    static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    static string PageMarker(int page, int salt) => (salt % 3) switch
    {
        0 => $"— {page} —",
        1 => $"- {page} -",
        _ => string.Create(CultureInfo.InvariantCulture, $"第 {page} 页 共 {page + 3} 页"),
    };

    /// <summary>Breaks a paragraph into pieces of 25–30 characters with a blank line between, as PDF extracts do.</summary>
    static string Wrap(string line, int salt)
    {
        const int Long = 30;
        if (line.Length <= Long || line.Contains('\t') || line.Contains('<')) return line;
        var sb = new StringBuilder();
        var start = 0;
        var step = salt;
        while (line.Length - start > Long)
        {
            var cut = start + 25 + step++ % 6;
            while (cut < line.Length && !CanBreak(line, cut)) cut++;
            if (line.Length - cut < 1) break;
            sb.Append(line, start, cut - start).Append("\n\n");
            start = cut;
        }
        return sb.Append(line, start, line.Length - start).ToString();
    }

    /// <summary>A break before <c>line[i]</c> splits no number, Latin word or number-and-unit pair.</summary>
    static bool CanBreak(string line, int i) =>
        !Sticky(line[i - 1]) && !Sticky(line[i]) && !(line[i - 1] == '万' && line[i] == '元') && line[i] != '%';

    static bool Sticky(char c) => char.IsAsciiLetterOrDigit(c) || char.IsWhiteSpace(c) || c is '.' or '%' or '-' or '/' or ':' or ',' or '≥';

    /// <summary>ASCII digits, '.', '%' turned full-width, as some word processors export them.</summary>
    static string ToFullWidth(string text) => string.Create(text.Length, text, static (span, s) =>
    {
        for (var i = 0; i < s.Length; i++)
            span[i] = s[i] is >= '0' and <= '9' or '.' or '%' ? (char)(s[i] + 0xFEE0) : s[i];
    });
}
