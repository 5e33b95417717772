using DuckDB.NET.Data.Mapping;
using PerfEval.Etl.Extract;

namespace PerfEval.Etl.Stage;

// Typed appender maps: one per stg_ table, columns in the order of sql/staging/<table>.sql.
// DuckDB checks each map against the table when the appender is created.

internal sealed class StgDocumentMap : DuckDBAppenderMap<StagedDocument>
{
    public StgDocumentMap()
    {
        Map(d => d.DocumentId);
        Map(d => d.RunId);
        Map(d => d.Sha256);
        Map(d => d.Source);
        Map(d => d.SizeBytes);
        Map(d => d.ExtractorVersion);
        Map(d => d.Extract.Status);
        Map(d => d.Extract.Error);
        Map(d => d.Extract.Encoding);
        Map(d => d.Extract.ReportKind);
        Map(d => d.Extract.Department?.Name);
        Map(d => d.Extract.Department?.City);
        Map(d => d.Extract.Department?.District);
        Map(d => d.Extract.Department?.Level);
        Map(d => d.Extract.Department?.OrgType);
        Map(d => d.Extract.Department?.Inferred);
        Map(d => d.Extract.Department?.Supervisor);
        Map(d => d.Extract.Year);
        Map(d => d.Extract.ProjectName);
        Map(d => d.Extract.Score.Total);
        Map(d => d.Extract.Score.Grade);
        Map(d => d.Extract.Budget.InitialWan);
        Map(d => d.Extract.Budget.BudgetWan);
        Map(d => d.Extract.Budget.SpentWan);
        Map(d => d.Extract.Budget.ExecutionRatePct);
        Map(d => d.Extract.Budget.AdjustmentRatePct);
        Map(d => d.Extract.Warnings.Count);
        Map(d => d.LoadedAt);
    }
}

internal sealed class StgScorePartMap : DuckDBAppenderMap<Staged<ScorePart>>
{
    public StgScorePartMap()
    {
        Map(r => r.DocumentId);
        Map(r => r.RunId);
        Map(r => r.Seq);
        Map(r => r.Item.Name);
        Map(r => r.Item.Max);
        Map(r => r.Item.Score);
    }
}

internal sealed class StgEvidenceMap : DuckDBAppenderMap<Staged<KeyValuePair<string, Evidence>>>
{
    public StgEvidenceMap()
    {
        Map(r => r.DocumentId);
        Map(r => r.RunId);
        Map(r => r.Item.Key);
        Map(r => (int?)r.Item.Value.Line);
        Map(r => r.Item.Value.Quote);
    }
}

internal sealed class StgDeductionMap : DuckDBAppenderMap<Staged<Deduction>>
{
    public StgDeductionMap()
    {
        Map(r => r.DocumentId);
        Map(r => r.RunId);
        Map(r => r.Seq);
        Map(r => r.Item.Section);
        Map(r => r.Item.Indicator);
        Map(r => r.Item.MaxPoints);
        Map(r => r.Item.Points);
        Map(r => r.Item.Reason);
        Map(r => string.Join(',', r.Item.Causes));
        Map(r => r.Item.Evidence?.Line);
        Map(r => r.Item.Evidence?.Quote);
    }
}

internal sealed class StgIndicatorMap : DuckDBAppenderMap<Staged<IndicatorRow>>
{
    public StgIndicatorMap()
    {
        Map(r => r.DocumentId);
        Map(r => r.RunId);
        Map(r => r.Seq);
        Map(r => r.Item.Category);
        Map(r => r.Item.Dimension);
        Map(r => r.Item.Name);
        Map(r => r.Item.Target);
        Map(r => r.Item.Actual);
        Map(r => r.Item.TargetValue);
        Map(r => r.Item.ActualValue);
        Map(r => r.Item.Unit);
        Map(r => r.Item.CompletionPct);
        Map(r => r.Item.MaxPoints);
        Map(r => r.Item.Score);
        Map(r => r.Item.Evidence?.Line);
        Map(r => r.Item.Evidence?.Quote);
    }
}

internal sealed class StgProjectMap : DuckDBAppenderMap<Staged<ProjectRow>>
{
    public StgProjectMap()
    {
        Map(r => r.DocumentId);
        Map(r => r.RunId);
        Map(r => r.Seq);
        Map(r => r.Item.Name);
        Map(r => r.Item.Parent);
        Map(r => r.Item.InitialWan);
        Map(r => r.Item.BudgetWan);
        Map(r => r.Item.SpentWan);
        Map(r => r.Item.ExecutionRatePct);
        Map(r => r.Item.Evidence?.Line);
        Map(r => r.Item.Evidence?.Quote);
    }
}

internal sealed class StgProblemMap : DuckDBAppenderMap<Staged<Problem>>
{
    public StgProblemMap()
    {
        Map(r => r.DocumentId);
        Map(r => r.RunId);
        Map(r => r.Seq);
        Map(r => r.Item.Text);
        Map(r => string.Join(',', r.Item.Causes));
        Map(r => r.Item.Evidence?.Line);
        Map(r => r.Item.Evidence?.Quote);
    }
}

/// <summary>For the plain-text lists: measures and warnings.</summary>
internal sealed class StgTextMap : DuckDBAppenderMap<Staged<string>>
{
    public StgTextMap()
    {
        Map(r => r.DocumentId);
        Map(r => r.RunId);
        Map(r => r.Seq);
        Map(r => r.Item);
    }
}
