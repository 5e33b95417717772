using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>What every rule reads and writes: the text, the extract being filled and the time budget.</summary>
internal sealed partial class ParseContext(ReportText text, ReportExtract extract, ParseBudget budget)
{
    public ReportText Text { get; } = text;
    public ReportExtract Extract { get; } = extract;
    public ParseBudget Budget { get; } = budget;
    public string Flow => Text.Flow;

    /// <summary>The unit declared for bare table numbers (单位：万元) nearest before a flow position, if any.</summary>
    public string? UnitBefore(int flowIndex) => Amounts.UnitBefore(Flow, flowIndex);

    /// <summary>
    /// The unit of bare table numbers at a flow position: the declaration nearest before it, unless a note
    /// after the table ("注：表2金额单位为元") says otherwise, in which case nobody can tell (null).
    /// </summary>
    public string? UnitFor(int flowIndex)
    {
        var before = Amounts.UnitBefore(Flow, flowIndex);
        var after = Amounts.UnitNoteAfter(Flow, flowIndex);
        if (after is not null && before is not null && after != before) return null;
        return before ?? after;
    }

    /// <summary>The unit declared nearest above a content line: "单位：万元" or a header cell "(万元)".</summary>
    public string? UnitAboveLine(TextLine line, int maxLines = 15)
    {
        var lines = Text.Lines;
        var at = -1;
        for (var i = 0; i < lines.Count; i++) if (ReferenceEquals(lines[i], line)) { at = i; break; }
        for (var i = at; i >= 0 && i >= at - maxLines; i--)
            if (Amounts.UnitIn(lines[i].Text) is { } unit) return unit;
        return null;
    }

    public void Warn(string message)
    {
        if (!Extract.Warnings.Contains(message)) Extract.Warnings.Add(message);
    }

    /// <summary>Records evidence for a score/budget field; a value without quotable evidence is dropped.</summary>
    public bool Prove(string field, Match statement, Group value) =>
        Prove(field, statement.Index, statement.Index + statement.Length, value.Index, value.Index + value.Length);

    public bool Prove(string field, int start, int end, int valueStart, int valueEnd)
    {
        if (!Amounts.IsIsolated(Flow, valueStart, valueEnd))
        {
            Warn($"{field}: the digits of {Flow[valueStart..valueEnd]} run into other characters (OCR or a split number); left empty");
            return false;
        }
        var evidence = Text.EvidenceOf(start, end, valueStart, valueEnd);
        if (evidence is null)
        {
            Warn($"{field}: the value is split over two lines, so it cannot be quoted; left empty");
            return false;
        }
        Extract.Evidence[field] = evidence;
        return true;
    }

    /// <summary>
    /// Whether a sentence speaks of another year than the one evaluated: it names a year (2021年, 2023年度)
    /// and not the evaluated one, or says 上年/去年/上一年度. Such figures are cited, not reported.
    /// </summary>
    public bool IsOtherYear(string sentence)
    {
        if (OtherYearWords().IsMatch(sentence)) return true;
        if (Extract.Year is not { } year) return false;
        var years = YearMention().Matches(sentence).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return years.Count > 0 && !years.Contains(year);
    }

    int? _appendixStart;

    /// <summary>
    /// Where an appendix begins (附件2, 附表1 as a heading after the report's body), or the end of the text. An
    /// appendix holds other units' or other years' figures; prose rules read the body only.
    /// </summary>
    public bool InAppendix(int flowIndex)
    {
        if (_appendixStart is null)
        {
            _appendixStart = Flow.Length;
            var n = 0;
            foreach (var (start, text) in Paragraphs())
                if (n++ > 8 && start > Flow.Length / 3 && AppendixHeading().IsMatch(text)) { _appendixStart = start; break; }
        }
        return flowIndex >= _appendixStart;
    }

    [GeneratedRegex(@"上年度|上一年度|上年|去年|前年|下一年度|下年度|明年")]
    private static partial Regex OtherYearWords();

    [GeneratedRegex(@"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")]
    private static partial Regex YearMention();

    [GeneratedRegex(@"^\s*(?:附件|附表)\s*\d")]
    private static partial Regex AppendixHeading();

    List<(int Start, int Length)>? _sentences;

    /// <summary>Sentences of the flow (cut at 。；; and paragraph breaks), with their offsets.</summary>
    public IReadOnlyList<(int Start, int Length)> Sentences()
    {
        if (_sentences is not null) return _sentences;
        _sentences = [];
        var start = 0;
        for (var i = 0; i <= Flow.Length; i++)
        {
            if (i < Flow.Length && Flow[i] is not ('。' or '；' or ';' or '\n')) continue;
            if (i > start) _sentences.Add((start, i - start));
            start = i + 1;
        }
        return _sentences;
    }

    /// <summary>
    /// Matches of <paramref name="regex"/> within the sentences that contain <paramref name="keyword"/>: a
    /// rule that needs a word scans only where the word is (indices stay those of the whole flow).
    /// </summary>
    public IEnumerable<Match> MatchesInSentences(Regex regex, string keyword)
    {
        foreach (var (start, length) in Sentences())
        {
            if (Flow.AsSpan(start, length).IndexOf(keyword, StringComparison.Ordinal) < 0) continue;
            Budget.Check();
            for (var m = regex.Match(Flow, start, length); m.Success; m = m.NextMatch()) yield return m;
        }
    }

    /// <summary>Paragraphs of the flow with their start offsets.</summary>
    public IEnumerable<(int Start, string Text)> Paragraphs()
    {
        var start = 0;
        while (start <= Flow.Length)
        {
            var end = Flow.IndexOf('\n', start);
            if (end < 0) end = Flow.Length;
            if (end > start) yield return (start, Flow[start..end]);
            start = end + 1;
        }
    }
}
