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

    /// <summary>Unit declared for bare table numbers (单位：万元), if any.</summary>
    public string? DeclaredUnit { get; } = Amounts.DeclaredUnit(text.Flow);

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
