using DuckDB.NET.Data;
using PerfEval.Etl.Extract;

namespace PerfEval.Etl.Stage;

/// <summary>
/// Bulk-loads extracts into the <c>stg_</c> tables with DuckDB appenders (never row-by-row INSERTs).
/// Appenders join the connection's open transaction, so a rollback undoes them too.
/// </summary>
public sealed class StagingWriter : IDisposable
{
    readonly DuckDBMappedAppender<StagedDocument, StgDocumentMap> documents;
    readonly DuckDBMappedAppender<Staged<ScorePart>, StgScorePartMap> scoreParts;
    readonly DuckDBMappedAppender<Staged<KeyValuePair<string, Evidence>>, StgEvidenceMap> evidence;
    readonly DuckDBMappedAppender<Staged<Deduction>, StgDeductionMap> deductions;
    readonly DuckDBMappedAppender<Staged<IndicatorRow>, StgIndicatorMap> indicators;
    readonly DuckDBMappedAppender<Staged<ProjectRow>, StgProjectMap> projects;
    readonly DuckDBMappedAppender<Staged<Problem>, StgProblemMap> problems;
    readonly DuckDBMappedAppender<Staged<string>, StgTextMap> measures;
    readonly DuckDBMappedAppender<Staged<string>, StgTextMap> warnings;
    bool closed;

    public StagingWriter(DuckDBConnection connection)
    {
        documents = connection.CreateAppender<StagedDocument, StgDocumentMap>("stg_document");
        scoreParts = connection.CreateAppender<Staged<ScorePart>, StgScorePartMap>("stg_score_part");
        evidence = connection.CreateAppender<Staged<KeyValuePair<string, Evidence>>, StgEvidenceMap>("stg_evidence");
        deductions = connection.CreateAppender<Staged<Deduction>, StgDeductionMap>("stg_deduction");
        indicators = connection.CreateAppender<Staged<IndicatorRow>, StgIndicatorMap>("stg_indicator");
        projects = connection.CreateAppender<Staged<ProjectRow>, StgProjectMap>("stg_project");
        problems = connection.CreateAppender<Staged<Problem>, StgProblemMap>("stg_problem");
        measures = connection.CreateAppender<Staged<string>, StgTextMap>("stg_measure");
        warnings = connection.CreateAppender<Staged<string>, StgTextMap>("stg_warning");
    }

    /// <summary>Documents appended so far.</summary>
    public int Documents { get; private set; }

    public void Append(StagedDocument document)
    {
        var e = document.Extract;
        documents.AppendRecords([document]);
        scoreParts.AppendRecords(Items(document, e.Score.Parts));
        evidence.AppendRecords(Items(document, e.Evidence));
        deductions.AppendRecords(Items(document, e.Deductions));
        indicators.AppendRecords(Items(document, e.Indicators));
        projects.AppendRecords(Items(document, e.Projects));
        problems.AppendRecords(Items(document, e.Problems));
        measures.AppendRecords(Items(document, e.Measures));
        warnings.AppendRecords(Items(document, e.Warnings));
        Documents++;
    }

    /// <summary>Flushes every appender; errors (e.g. a value that does not fit its column) surface here.</summary>
    public void Close()
    {
        if (closed) return;
        closed = true;
        documents.Close();
        scoreParts.Close();
        evidence.Close();
        deductions.Close();
        indicators.Close();
        projects.Close();
        problems.Close();
        measures.Close();
        warnings.Close();
    }

    public void Dispose()
    {
        documents.Dispose();
        scoreParts.Dispose();
        evidence.Dispose();
        deductions.Dispose();
        indicators.Dispose();
        projects.Dispose();
        problems.Dispose();
        measures.Dispose();
        warnings.Dispose();
    }

    static List<Staged<T>> Items<T>(StagedDocument d, IEnumerable<T> items) =>
        items.Select((item, i) => new Staged<T>(d.DocumentId, d.RunId, i + 1, item)).ToList();
}
