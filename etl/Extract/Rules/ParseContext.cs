using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>What every rule reads and writes: the text, the extract being filled and the time budget.</summary>
internal sealed class ParseContext(ReportText text, ReportExtract extract, ParseBudget budget)
{
    public ReportText Text { get; } = text;
    public ReportExtract Extract { get; } = extract;
    public ParseBudget Budget { get; } = budget;
    public string Flow => Text.Flow;

    /// <summary>The unit declared for bare table numbers (单位：万元) nearest before a flow position, if any.</summary>
    public string? UnitBefore(int flowIndex) => Amounts.UnitBefore(Flow, flowIndex);

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
