using System.Globalization;
using System.Text;

namespace PerfEval.Etl.Pipeline;

/// <summary>What one load did: the row of <c>etl_run</c> it wrote, ready to print.</summary>
public sealed class RunSummary
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    const int MaxReasonsShown = 20;

    public long RunId { get; init; }
    public string Status { get; init; } = Succeeded;
    public DateTime StartedAt { get; init; }
    /// <summary>Distinct documents (by SHA-256) found in the sources.</summary>
    public int DocumentsSeen { get; init; }
    /// <summary>Documents never loaded before (rejected ones included).</summary>
    public int DocumentsNew { get; init; }
    /// <summary>Documents already loaded by this extractor version: not parsed again.</summary>
    public int DocumentsUnchanged { get; init; }
    /// <summary>Documents loaded before by an older extractor version, extracted again (backfill).</summary>
    public int DocumentsReextracted { get; init; }
    /// <summary>New or re-extracted documents the extractor rejected.</summary>
    public int DocumentsRejected { get; init; }
    /// <summary>Files skipped because another file in the sources has the same bytes.</summary>
    public int DuplicateFiles { get; init; }
    /// <summary>Row count of every dim_, fct_ and system table after the run.</summary>
    public IReadOnlyDictionary<string, long> RowsPerTable { get; init; } = new Dictionary<string, long>();
    public int Findings { get; init; }
    public TimeSpan Duration { get; init; }
    /// <summary><c>source: reason</c> for each rejected document.</summary>
    public IReadOnlyList<string> RejectedReasons { get; init; } = [];
    public string? Error { get; init; }
    /// <summary>The briefing CSVs written after the load (empty when no exports folder was given).</summary>
    public IReadOnlyList<string> ExportedFiles { get; internal set; } = [];
    /// <summary>
    /// Which data the derived tables hold: the run that last rebuilt them and the models' fingerprint. Equal stamps
    /// mean equal tables, so a briefing pack written from one stamp need not be written again for it.
    /// </summary>
    public string? DataStamp { get; internal set; }
    /// <summary>Why the briefing pack could not be written; the load itself committed.</summary>
    public string? ExportError { get; internal set; }

    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"run {RunId} {Status} in {Duration.TotalSeconds:0.00} s");
        text.AppendLine(c, $"documents: {DocumentsSeen} seen, {DocumentsNew} new, {DocumentsUnchanged} unchanged, {DocumentsReextracted} re-extracted, {DocumentsRejected} rejected");
        if (DuplicateFiles > 0) text.AppendLine(c, $"duplicate files skipped: {DuplicateFiles}");
        foreach (var reason in RejectedReasons.Take(MaxReasonsShown)) text.AppendLine(c, $"  rejected {reason}");
        if (RejectedReasons.Count > MaxReasonsShown)
            text.AppendLine(c, $"  ... and {RejectedReasons.Count - MaxReasonsShown} more (perfeval query \"select source, error from dim_document where status = 'rejected'\")");
        if (RowsPerTable.Count > 0)
        {
            text.AppendLine("rows:");
            var width = RowsPerTable.Keys.Max(k => k.Length);
            foreach (var (table, rows) in RowsPerTable) text.AppendLine(c, $"  {table.PadRight(width)}  {rows,8}");
        }
        text.AppendLine(c, $"data-quality findings: {Findings}{(Findings > 0 ? " (see: perfeval query \"select * from dq_finding\")" : "")}");
        if (ExportedFiles.Count > 0)
            text.AppendLine(c, $"exports: {ExportedFiles.Count} CSV files in {Path.GetDirectoryName(ExportedFiles[0])}");
        if (ExportError is not null) text.AppendLine(c, $"exports failed (the load committed): {ExportError}");
        if (Error is not null) text.AppendLine(c, $"error: {Error}");
        return text.ToString();
    }

    public override string ToString() => ToText();
}
