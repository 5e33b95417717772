using PerfEval.Etl.Extract;

namespace PerfEval.Etl.Pipeline;

/// <summary>Tallies what became of each source file while staging.</summary>
internal sealed class StageCounts
{
    public int Seen { get; private set; }
    public int New { get; private set; }
    public int Reextracted { get; private set; }
    public int Unchanged { get; private set; }
    public int Duplicates { get; private set; }
    public int Rejected { get; private set; }
    public int NotRead { get; private set; }
    public List<string> RejectedReasons { get; } = [];

    public void Add(ExtractedItem item)
    {
        if (item.NotRead) NotRead++;
        switch (item.Outcome)
        {
            case DocumentOutcome.New: New++; break;
            case DocumentOutcome.Reextracted: Reextracted++; break;
            case DocumentOutcome.Unchanged: Unchanged++; break;
            case DocumentOutcome.Duplicate: Duplicates++; return;
            case DocumentOutcome.Unreadable:
                Seen++;
                Rejected++;
                RejectedReasons.Add(item.Error ?? "unreadable file");
                return;
        }
        Seen++;
        if (item.Document?.Extract.Status == ExtractStatus.Rejected)
        {
            Rejected++;
            RejectedReasons.Add($"{item.Document.Source}: {item.Document.Extract.Error}");
        }
    }

    public RunSummary ToSummary(long runId, DateTime startedAt, TimeSpan duration, int findings, IReadOnlyDictionary<string, long> rowsPerTable) => new()
    {
        RunId = runId,
        Status = RunSummary.Succeeded,
        StartedAt = startedAt,
        Duration = duration,
        DocumentsSeen = Seen,
        DocumentsNew = New,
        DocumentsUnchanged = Unchanged,
        DocumentsReextracted = Reextracted,
        DocumentsRejected = Rejected,
        DuplicateFiles = Duplicates,
        RejectedReasons = RejectedReasons.Order(StringComparer.Ordinal).ToList(),
        Findings = findings,
        RowsPerTable = rowsPerTable,
    };
}
