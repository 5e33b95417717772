using System.Text;
using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract.Text;

/// <summary>One content line of the original file: its 0-based index and its normalised, trimmed text.</summary>
/// <param name="Index">0-based line number in the decoded file.</param>
/// <param name="Text">Normalised text (see <see cref="CharNormalizer"/>), trimmed.</param>
/// <param name="Offset">Column of <paramref name="Text"/>[0] in the original line.</param>
public sealed record TextLine(int Index, string Text, int Offset);

/// <summary>
/// The decoded report in two views. <see cref="Lines"/>: content lines (no blanks, page markers or running
/// headers) for table rules. <see cref="Flow"/>: paragraphs with PDF hard line breaks joined, spaces that
/// carry no meaning dropped and HTML tags turned into breaks, for statement rules. Every flow character maps
/// back to its line and column in the original, so any match yields an exact quote as evidence.
/// </summary>
public sealed partial class ReportText
{
    readonly int[] _flowLine;
    readonly int[] _flowCol;

    public IReadOnlyList<string> OriginalLines { get; }
    public IReadOnlyList<TextLine> Lines { get; }
    /// <summary>Paragraphs separated by '\n'; table cells by '\t'.</summary>
    public string Flow { get; }

    ReportText(IReadOnlyList<string> originalLines, IReadOnlyList<TextLine> lines, string flow, int[] flowLine, int[] flowCol)
    {
        OriginalLines = originalLines;
        Lines = lines;
        Flow = flow;
        _flowLine = flowLine;
        _flowCol = flowCol;
    }

    /// <summary>Original lines skipped before the report's title (site banners, another report's tail).</summary>
    public int SkippedLines { get; private init; }

    public static ReportText Parse(string text)
    {
        var original = LineBreak().Split(text);
        var lines = ContentLines(original);
        var cut = TitleStart(lines);
        if (cut > 0) lines = lines.GetRange(cut, lines.Count - cut);
        var parsed = Build(original, lines);
        return cut > 0 ? new ReportText(parsed.OriginalLines, parsed.Lines, parsed.Flow, parsed._flowLine, parsed._flowCol) { SkippedLines = cut } : parsed;
    }

    /// <summary>
    /// Index of the first content line of the report proper: its title line (or the line of the title just
    /// above it) when that stands among the first lines after something that is not the report.
    /// </summary>
    static int TitleStart(List<TextLine> lines)
    {
        for (var i = 1; i < Math.Min(lines.Count, 40); i++)
        {
            var t = lines[i].Text;
            if (!IsTitleLine(t)) continue;
            var start = i;
            var above = lines[i - 1].Text;
            if (above.Length <= 40 && !above.Contains('\t') && !above.Contains(':') && !TerminalEnd().IsMatch(above) && !PageMarker().IsMatch(above) && TitlePart().IsMatch(above)) start--;
            return start;
        }
        return 0;
    }

    /// <summary>A report's title: short, no sentence punctuation, ending in 报告 / 自评表 (maybe with its year).</summary>
    public static bool IsTitleLine(string t) =>
        t.Length <= 70 && !t.Contains('\t') && t.IndexOfAny(['，', '。', '；', ',', ';', '：', ':']) < 0 && !Markers.StartsWithMarker(t) && ReportTitle().IsMatch(t);

    static ReportText Build(string[] original, List<TextLine> lines)
    {
        var builder = new FlowBuilder(original);
        TextLine? previous = null;
        var continued = false;
        foreach (var line in lines)
        {
            if (previous is not null)
            {
                var join = JoinsPrevious(previous.Text, line.Text)
                    // A short line inside a wrapped paragraph that stops mid-word ("…公开专" / "项检查…").
                    || continued && CharNormalizer.IsHan(previous.Text[^1]) && CharNormalizer.IsHan(line.Text[0]) && !Markers.StartsWithMarker(line.Text) && !line.Text.Contains('\t');
                continued = join;
                if (join)
                {
                    if (CharNormalizer.IsAsciiAlnum(previous.Text[^1]) && CharNormalizer.IsAsciiAlnum(line.Text[0])) builder.Synthetic(' ');
                }
                else builder.Break();
            }
            builder.AppendLine(line);
            previous = line;
        }
        return new ReportText(original, lines, builder.Text, builder.Lines, builder.Cols);
    }

    /// <summary>0-based original line of a flow position, or -1 for a synthetic break.</summary>
    public int LineOf(int flowIndex) => flowIndex >= 0 && flowIndex < _flowLine.Length ? _flowLine[flowIndex] : -1;

    /// <summary>
    /// Evidence for a value at flow span [valueStart, valueEnd) within a statement at [start, end): the value's
    /// line and the part of the statement on that line, quoted from the original. Null when the value's own
    /// characters run over two lines (no single line could be quoted).
    /// </summary>
    public Evidence? EvidenceOf(int start, int end, int valueStart, int valueEnd)
    {
        if (valueStart < 0 || valueEnd > Flow.Length || valueStart >= valueEnd) return null;
        var line = _flowLine[valueStart];
        if (line < 0) return null;
        for (var i = valueStart; i < valueEnd; i++)
            if (_flowLine[i] != line && _flowLine[i] >= 0) return null;
        var s = Math.Min(start, valueStart);
        while (s < valueStart && _flowLine[s] != line) s++;
        var e = Math.Max(end, valueEnd);
        while (e > valueEnd && _flowLine[e - 1] != line) e--;
        var quote = OriginalLines[line][_flowCol[s]..(_flowCol[e - 1] + 1)];
        return new Evidence(line + 1, quote);
    }

    /// <summary>Evidence for a whole span that lies on one line (or its first line's part).</summary>
    public Evidence? EvidenceOf(int start, int end)
    {
        while (start < end && _flowLine[start] < 0) start++;
        if (start >= end) return null;
        var line = _flowLine[start];
        var e = start + 1;
        while (e < end && (_flowLine[e] == line || _flowLine[e] < 0)) e++;
        while (e > start + 1 && _flowLine[e - 1] < 0) e--;
        return new Evidence(line + 1, OriginalLines[line][_flowCol[start]..(_flowCol[e - 1] + 1)]);
    }

    /// <summary>The original characters behind a flow span (full-width punctuation kept), without whitespace.</summary>
    public string OriginalCompact(int start, int end)
    {
        var sb = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            if (_flowLine[i] < 0) continue;
            var c = OriginalLines[_flowLine[i]][_flowCol[i]];
            if (!char.IsWhiteSpace(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Evidence for a span of a content line (table rules work on <see cref="Lines"/>).</summary>
    public Evidence LineEvidence(TextLine line, int start, int length) =>
        new(line.Index + 1, OriginalLines[line.Index].Substring(line.Offset + start, length));

    static bool JoinsPrevious(string previous, string next)
    {
        if (previous.Contains('\t') || next.Contains('\t')) return false;
        if (previous.EndsWith('>') || next.StartsWith('<')) return false;
        if (previous.EndsWith('%')) return false; // a table row ends in a rate: the next line is the next row
        if (TerminalEnd().IsMatch(previous)) return false;
        if (Markers.StartsWithMarker(next)) return false;
        if (Markers.IsHeading(previous) || IsTitleLine(previous)) return false;
        if (DateLine().IsMatch(next) || DateLine().IsMatch(previous)) return false; // the signature's date
        if (TableLabel().IsMatch(previous) || TableLabel().IsMatch(next)) return false; // cells, one per line
        if (LabelValue().IsMatch(previous) || LabelValue().IsMatch(next)) return false; // "部门名称：…" is a line of its own
        if (previous.Length >= 12) return true;
        // A short line still continues when a word is cut: Han at the end, Han at the start of the next.
        // Only prose does that: a table cell or heading has no comma inside.
        return CharNormalizer.IsHan(previous[^1]) && CharNormalizer.IsHan(next[0]) && previous.IndexOfAny(['，', '、', '；']) >= 0;
    }

    static List<TextLine> ContentLines(string[] original)
    {
        var normalised = new string[original.Length];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < original.Length; i++)
        {
            normalised[i] = CharNormalizer.Normalize(original[i]);
            var key = Compact(normalised[i]);
            if (IsHeaderCandidate(key)) counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<TextLine>(original.Length);
        for (var i = 0; i < original.Length; i++)
        {
            var n = normalised[i];
            var trimmed = n.Trim(' ', '\r', '\f', '\v'); // tabs stay: they place table cells
            if (trimmed.Trim().Length == 0 || PageMarker().IsMatch(trimmed.Trim())) continue;
            var key = Compact(n);
            // A running header: a line that repeats. Only a copy among the first lines is the real title.
            if (counts.GetValueOrDefault(key) >= 2 && (lines.Count >= 5 || !seen.Add(key))) continue;
            var offset = n.Length - n.TrimStart(' ', '\r', '\f', '\v').Length;
            lines.Add(new TextLine(i, trimmed, offset));
        }
        return lines;
    }

    static string Compact(string s) => WhiteSpace().Replace(s, "");

    static bool IsHeaderCandidate(string compact)
    {
        if (compact.Length < 8 || compact.Length > 60 || compact.Contains('\t')) return false;
        if (compact.IndexOfAny(['，', '。', '；', ',', ';', '<']) >= 0) return false;
        var han = 0;
        foreach (var c in compact) if (CharNormalizer.IsHan(c)) han++;
        return han >= 4;
    }

    /// <summary>Cells of the standard self-evaluation tables: never part of a wrapped sentence.</summary>
    [GeneratedRegex(@"^\s*(?:项目名称|主管部门|实施单位|项目单位|部门名称|单位名称|预算单位|被评价年度|评价年度|项目资金|年度资金总额|资金总额|其中\s*[:：]?\s*(?:当年)?财政拨款|上年结转资金|其他资金|年度总体目标|总体目标|预期目标|实际完成情况|绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|年初预算数|全年预算数|全年执行数|分值|执行率|得分|总分|偏差原因.*|产出指标|效益指标|满意度指标|成本指标)\s*(?:\(万元\)|（万元）)?\s*[:：]?\s*$")]
    private static partial Regex TableLabel();

    [GeneratedRegex(@"^\s*\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}()（）]{0,8}(?:名称|单位|部门|年度|负责人|联系人|日期|时间|类型|类别|级别)(?:\((?:汇总|盖章)\))?\s*[:：]\s*[^，。；,;:：]{1,40}$")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"(?:自评|评价|绩效)(?:报告|表)\s*(?:[(（]\s*\d{4}\s*年度?\s*[)）])?\s*$")]
    private static partial Regex ReportTitle();

    [GeneratedRegex(@"20\d{2}\s*年|(?:会|局|委|办|中心|院|所|厅|府)$")]
    private static partial Regex TitlePart();

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"[。！？；;!?]['""”’)）]*$")]
    private static partial Regex TerminalEnd();

    [GeneratedRegex(@"^(?:[-—–~_·\s]*[-—–~]\s*\d{1,4}\s*[-—–~][-—–~_·\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页|\d{1,4}\s*/\s*\d{1,4}|(?:Page|page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$")]
    private static partial Regex PageMarker();
}
