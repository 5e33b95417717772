using PerfEval.Etl.Extract;

namespace PerfEval.Etl.Stage;

/// <summary>One extract on its way into the <c>stg_</c> tables, with the ids the warehouse gave it.</summary>
public sealed record StagedDocument(long DocumentId, long RunId, string Sha256, string Source, long SizeBytes, string ExtractorVersion, ReportExtract Extract, DateTime LoadedAt);

/// <summary>One list item of an extract (a deduction, an indicator row, ...) with its document, run and 1-based position.</summary>
public readonly record struct Staged<T>(long DocumentId, long RunId, int Seq, T Item);
