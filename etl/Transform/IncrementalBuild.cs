using Dapper;
using DuckDB.NET.Data;

namespace PerfEval.Etl.Transform;

/// <summary>
/// The state of one incremental build (<see cref="ModelRunner.UpdateAsync"/>), after a run that only added documents.
/// The affected documents are the ones the run added and every document of the same version key. The build goes
/// through the models in <see cref="ModelRunner.IncrementalOrder"/>, in phases:
/// <list type="number">
/// <item><see cref="Phase.Whole"/>: the <c>int_</c> and the other <c>dim_</c> models are built whole.</item>
/// <item><see cref="Phase.PerDocumentTables"/>: the per-document tables (<see cref="Model.IsPerDocument"/>) get the
/// affected documents' rows computed again. The staging tables are shadowed by temporary views of those documents' rows,
/// and the per-document <c>int_</c> tables are narrowed to them.</item>
/// <item><see cref="Phase.PerDocumentReports"/>: the same for the per-document reports (<see cref="Model.IsPerDocumentReport"/>),
/// which read the per-document tables through temporary views of the affected documents' rows. Only when the dimensions
/// they join kept every row (<see cref="DimensionsKeptAsync"/>); otherwise they are rebuilt whole.</item>
/// <item><see cref="Phase.Whole"/> again: the other reports are rebuilt whole from every row.</item>
/// </list>
/// Each temporary view is dropped when its phase ends. <c>IncrementalBuildFacts</c> holds the result to a full rebuild,
/// table by table.
/// </summary>
internal sealed class IncrementalBuild(DuckDBConnection connection, long run) : IAsyncDisposable
{
    public enum Phase { Whole, PerDocumentTables, PerDocumentReports }

    /// <summary>The temporary table of the documents an incremental build computes again.</summary>
    const string Affected = "build_affected_document";

    Phase phase = Phase.Whole;
    long? affected;
    string? database;
    readonly List<string> views = [];
    readonly List<string> snapshots = [];
    bool? reportsByDocument;
    int reportsUpdated;

    static IncrementalOrder Order => ModelRunner.IncrementalOrder;

    /// <summary>The dimensions (<c>dim_</c> models rebuilt whole) that per-document reports read.</summary>
    static IReadOnlyList<Model> DimensionsOfPerDocumentReports { get; } =
        ModelRunner.Models.Where(d => d.Name.StartsWith("dim_", StringComparison.Ordinal) && !d.IsPerDocument
            && ModelRunner.Models.Any(r => r.IsPerDocumentReport && r.References(d))).ToList();

    /// <summary>
    /// Updates <paramref name="model"/>'s rows of the affected documents when it is a per-document table, or a per-document
    /// report that can be updated; builds an <c>int_</c> model of <see cref="IncrementalOrder.IntermediatesWithTables"/> (its
    /// view, and its temporary table from the affected documents' rows); false when it has to be built whole.
    /// </summary>
    public async Task<bool> UpdateAsync(Model model, List<string> intermediates)
    {
        string table;
        if (Order.IntermediatesWithTables.Contains(model.Name))
        {
            // Its view for analysts, and its temporary table computed from the shadowed (affected documents') rows.
            await EnterAsync(Phase.PerDocumentTables, intermediates);
            await connection.ExecuteAsync(model.CreateStatement);
            await connection.ExecuteAsync($"create or replace temp table {model.Name} as\n{model.Body}");
            intermediates.Add(model.Name);
            return true;
        }
        if (model.IsPerDocument)
        {
            await EnterAsync(Phase.PerDocumentTables, intermediates);
            table = model.Name;
        }
        else if (model.IsPerDocumentReport && Order.Grouped && affected is not null && (reportsByDocument ??= await DimensionsKeptAsync()))
        {
            await EnterAsync(Phase.PerDocumentReports, intermediates);
            table = $"{model.Name}__data";
            reportsUpdated++;
        }
        else
        {
            return false;
        }
        await connection.ExecuteAsync($"delete from main.{table} where document_id in (select document_id from temp.{Affected})");
        await connection.ExecuteAsync($"insert into main.{table} select * from (\n{model.Body}\n) where document_id in (select document_id from temp.{Affected})");
        return true;
    }

    /// <summary>Starts <paramref name="next"/>: drops the views of the phase that ends and creates the ones <paramref name="next"/> reads.</summary>
    public async Task EnterAsync(Phase next, IReadOnlyCollection<string> intermediates)
    {
        if (next == phase) return;
        await DropViewsAsync();
        phase = next;
        if (next == Phase.Whole) return;
        database ??= await connection.ExecuteScalarAsync<string>("select current_database()");
        if (affected is null)
        {
            affected = await MarkAffectedAsync();
            // The int_ models were all built (they come first): their per-document temporary tables now only serve the
            // per-document tables, which read only their own documents' rows (no report reads them: IncrementalOrder).
            if (Order.Grouped)
                foreach (var model in ModelRunner.Models.Where(m => m.IsIntermediate && m.HasPerDocumentRows && intermediates.Contains(m.Name)))
                    await connection.ExecuteAsync($"delete from temp.{model.Name} where document_id not in (select document_id from temp.{Affected})");
        }
        if (next == Phase.PerDocumentTables)
        {
            // Every staging table with a document_id: each per-document model aggregates and joins a few hundred
            // documents' rows instead of every staged row before its result is narrowed (a filter DuckDB cannot push
            // below the models' GROUP BYs).
            var staging = await connection.QueryAsync<string>(
                "select table_name from duckdb_columns() where database_name = current_database() and schema_name = 'main' and table_name like 'stg\\_%' escape '\\' and column_name = 'document_id' order by table_name");
            foreach (var table in staging) await ShadowAsync(table, table);
        }
        else
        {
            // The per-document tables, and the per-document reports for the ones that read another.
            foreach (var model in ModelRunner.Models.Where(m => m.IsPerDocument)) await ShadowAsync(model.Name, model.Name);
            foreach (var model in ModelRunner.Models.Where(m => m.IsPerDocumentReport)) await ShadowAsync(model.Name, $"{model.Name}__data");
        }
    }

    /// <summary>
    /// A temporary view <paramref name="name"/> over the affected documents' rows of <c>main.<paramref name="table"/></c>.
    /// (Temporary tables of those rows instead: no faster, and 35–45 MB more at the peak of a rerun at 40,000 reports; BENCHMARKS.md.)
    /// </summary>
    async Task ShadowAsync(string name, string table)
    {
        // Named with its database: within the view, main.{table} would be the view itself (temp comes first).
        await connection.ExecuteAsync($"create or replace temp view {name} as select * from \"{database}\".main.{table} where document_id in (select document_id from temp.{Affected})");
        views.Add(name);
    }

    async Task DropViewsAsync()
    {
        foreach (var name in views) await ModelRunner.DropQuietlyAsync(connection, name, "view");
        views.Clear();
    }

    /// <summary>The documents the run added and every document of the same version key (department, year, kind, project).</summary>
    async Task<long> MarkAffectedAsync()
    {
        await connection.ExecuteAsync($"""
            create or replace temp table {Affected} as
            select document_id from int_document
            where version_key in (select version_key from int_document where run_id = $run)
            """, new { run });
        return await connection.ExecuteScalarAsync<long>($"select count(*) from temp.{Affected}");
    }

    /// <summary>Copies each dimension per-document reports read into a temporary <c>&lt;name&gt;__before</c>, before the build rebuilds it.</summary>
    public async Task SnapshotDimensionsAsync()
    {
        foreach (var dimension in DimensionsOfPerDocumentReports)
        {
            // A dimension not built yet has no rows to keep: the reports are then rebuilt whole.
            var exists = await connection.ExecuteScalarAsync<long>(
                "select count(*) from duckdb_tables() where database_name = current_database() and schema_name = 'main' and table_name = $name", new { name = dimension.Name });
            if (exists == 0) continue;
            await connection.ExecuteAsync($"create or replace temp table {dimension.Name}__before as select * from main.{dimension.Name}");
            snapshots.Add($"{dimension.Name}__before");
        }
    }

    /// <summary>
    /// Whether every row of the dimensions the per-document reports read is still there, unchanged, after the build
    /// rebuilt them. New rows may have been added: no earlier document's row joins those. Only then do the other
    /// documents' report rows stay as they are. Otherwise (say, a new report restates a department's district) the
    /// reports are rebuilt whole.
    /// </summary>
    async Task<bool> DimensionsKeptAsync()
    {
        if (snapshots.Count != DimensionsOfPerDocumentReports.Count) return false;
        foreach (var dimension in DimensionsOfPerDocumentReports)
        {
            var gone = await connection.ExecuteScalarAsync<long>(
                $"select count(*) from (select * from temp.{dimension.Name}__before except all select * from main.{dimension.Name})");
            if (gone > 0) return false;
        }
        return true;
    }

    /// <summary>What the build updated, for the progress line.</summary>
    public string Describe() =>
        affected is not { } n ? "" :
        $"; per-document tables updated for {n} documents, the new ones and those they may supersede"
        + (reportsUpdated > 0 ? $", and {reportsUpdated} per-document reports with them"
            : reportsByDocument == false ? "; the per-document reports rebuilt whole (a dimension they join changed)" : "");

    public async ValueTask DisposeAsync()
    {
        await DropViewsAsync();
        foreach (var name in snapshots.Append(Affected)) await ModelRunner.DropQuietlyAsync(connection, name);
    }
}
