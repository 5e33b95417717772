using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Transform;

/// <summary>
/// The state of one incremental build (<see cref="ModelRunner.UpdateAsync"/>), after a run that only added documents.
/// The affected documents are the ones the run added and every document of the same version key. The build goes
/// through the models in <see cref="ModelRunner.IncrementalOrder"/>, in phases:
/// <list type="number">
/// <item><see cref="Phase.Whole"/>: a kept <c>int_</c> model (<c>int_document</c>) gets the affected documents' rows
/// computed again, which also finds them (<see cref="UpdateVersionsAsync"/>); the other <c>int_</c> and the other
/// <c>dim_</c> models are built whole.</item>
/// <item><see cref="Phase.PerDocumentTables"/>: the per-document tables (<see cref="Model.IsPerDocument"/>) get the
/// affected documents' rows computed again. The staging tables and the kept <c>int_</c> models are shadowed by temporary
/// views of those documents' rows, and the per-document <c>int_</c> tables are narrowed to them. The <c>dim_</c>/<c>fct_</c> views (<see cref="Model.IsMartView"/>)
/// come last and need nothing.</item>
/// <item><see cref="Phase.PerDocumentReports"/>: the same for the per-document reports (<see cref="Model.IsPerDocumentReport"/>),
/// which read the per-document tables through temporary views of the affected documents' rows. Only when the dimensions
/// they join kept every row (<see cref="DimensionsKeptAsync"/>); otherwise they are rebuilt whole.</item>
/// <item><see cref="Phase.Whole"/> again: the other reports are rebuilt whole from every row.</item>
/// </list>
/// Each temporary view is dropped when its phase ends. The models of a phase may be built side by side on several
/// connections (<see cref="BuildConnections"/>): the views are created on each, and the tables of the affected documents and
/// of the computed <c>int_</c> models are in the scratch schema they all see. <c>IncrementalBuildFacts</c> holds the result
/// to a full rebuild, table by table.
/// </summary>
internal sealed class IncrementalBuild(BuildConnections connections, long run) : IAsyncDisposable
{
    public enum Phase { Whole, PerDocumentTables, PerDocumentReports }

    /// <summary>The table of the documents an incremental build computes again.</summary>
    const string AffectedTable = "build_affected_document";

    string Affected => connections.ScratchTable(AffectedTable);

    Phase phase = Phase.Whole;
    long? affected;
    string? database;
    /// <summary>The temporary views of the current phase: name, and the statement that creates it.</summary>
    readonly List<(string Name, string Create)> views = [];
    readonly List<string> snapshots = [];
    bool? reportsByDocument;
    int reportsUpdated;

    static IncrementalOrder Order => ModelRunner.IncrementalOrder;

    DuckDBConnection Main => connections.Main;

    /// <summary>The dimensions (<c>dim_</c> models rebuilt whole) that per-document reports read.</summary>
    static IReadOnlyList<Model> DimensionsOfPerDocumentReports { get; } =
        ModelRunner.Models.Where(d => d.Name.StartsWith("dim_", StringComparison.Ordinal) && !d.IsPerDocument
            && ModelRunner.Models.Any(r => r.IsPerDocumentReport && r.References(d))).ToList();

    /// <summary>
    /// The phase <paramref name="model"/> belongs to, as far as the models alone say: a per-document table (or an <c>int_</c>
    /// model of <see cref="IncrementalOrder.IntermediatesWithTables"/>), a per-document report when the order is grouped, or
    /// a model built whole. Whether the per-document reports are updated or rebuilt whole is decided when their phase starts
    /// (<see cref="EnterAsync"/>).
    /// </summary>
    public static Phase PhaseOf(Model model) =>
        Order.IntermediatesWithTables.Contains(model.Name) || model.IsPerDocument || (model.IsMartView && Order.Grouped) ? Phase.PerDocumentTables
        : model.IsPerDocumentReport && Order.Grouped ? Phase.PerDocumentReports
        : Phase.Whole;

    /// <summary>
    /// Starts the phase of the models <see cref="PhaseOf"/> puts in <paramref name="wanted"/> and returns the phase they are
    /// built in: the per-document reports are rebuilt whole (<see cref="Phase.Whole"/>) unless the dimensions they join kept
    /// every row (<see cref="DimensionsKeptAsync"/>). Drops the views of the phase that ends and creates, on every connection,
    /// the ones the next reads. Call between <see cref="BuildConnections.RunAsync"/>s.
    /// </summary>
    public async Task<Phase> EnterAsync(Phase wanted)
    {
        var next = wanted == Phase.PerDocumentReports && !(affected is not null && (reportsByDocument ??= await DimensionsKeptAsync()))
            ? Phase.Whole
            : wanted;
        if (next == phase) return next;
        await connections.ForEachAsync(DropViewsAsync);
        views.Clear();
        phase = next;
        if (next == Phase.Whole) return next;
        database ??= await Main.ExecuteScalarAsync<string>("select current_database()");
        if (affected is null)
        {
            affected = await MarkAffectedAsync();
            // The int_ models were all built (they come first): their per-document tables now only serve the per-document
            // tables, which read only their own documents' rows (no report reads them: IncrementalOrder).
            if (Order.Grouped)
                foreach (var model in ModelRunner.Models.Where(m => m.IsIntermediate && m.HasPerDocumentRows && connections.Intermediates.Contains(m.Name)))
                    await Main.ExecuteAsync($"delete from {connections.ScratchTable(model.Name)} where document_id not in (select document_id from {Affected})");
        }
        if (next == Phase.PerDocumentTables)
        {
            // Every staging table with a document_id, and every kept int_ table: each per-document model aggregates and
            // joins a few hundred documents' rows instead of every staged row before its result is narrowed (a filter
            // DuckDB cannot push below the models' GROUP BYs).
            foreach (var table in WarehouseSchema.StagingTablesByDocument) Shadow(table, table);
            // (A kept model's view joins its table to the staged rows, which the views of the staged rows narrow too.)
            foreach (var model in ModelRunner.Models.Where(m => m.IsKeptIntermediate)) Shadow(model.Name, model.Name);
        }
        else
        {
            // The per-document tables, and the per-document reports for the ones that read another.
            foreach (var model in ModelRunner.Models.Where(m => m.IsPerDocument)) Shadow(model.Name, model.Name);
            foreach (var model in ModelRunner.Models.Where(m => m.IsPerDocumentReport)) Shadow(model.Name, $"{model.Name}__data");
        }
        await connections.ForEachAsync(CreateViewsAsync);
        return next;
    }

    /// <summary>
    /// Updates <paramref name="model"/>'s rows of the affected documents, on <paramref name="connection"/>, in
    /// <paramref name="current"/> (a per-document phase that <see cref="EnterAsync"/> started): a per-document table, or a
    /// per-document report's <c>&lt;name&gt;__data</c>; or builds an <c>int_</c> model of
    /// <see cref="IncrementalOrder.IntermediatesWithTables"/> (its view, and its scratch table from the affected documents' rows).
    /// </summary>
    public async Task UpdateAsync(DuckDBConnection connection, Model model, Phase current)
    {
        if (model.IsMartView)
        {
            // A view over tables: nothing to update (the same models built it, so it is there as it is).
            await connection.ExecuteAsync(model.UpdateStatement);
            return;
        }
        if (Order.IntermediatesWithTables.Contains(model.Name))
        {
            // Its view for analysts, and its table computed from the shadowed (affected documents') rows.
            await connection.ExecuteAsync(model.UpdateStatement);
            await connections.MaterializeAsync(connection, model.Name, model.Body);
            return;
        }
        var table = current == Phase.PerDocumentReports ? $"{model.Name}__data" : model.Name;
        if (current == Phase.PerDocumentReports) Interlocked.Increment(ref reportsUpdated);
        await connection.ExecuteAsync($"delete from main.{table} where document_id in (select document_id from {Affected})");
        await connection.ExecuteAsync($"insert into main.{table} select * from (\n{model.Body}\n) where document_id in (select document_id from {Affected})");
    }

    /// <summary>
    /// A temporary view <paramref name="name"/> over the affected documents' rows of <c>main.<paramref name="table"/></c>, on
    /// every connection. (Temporary tables of those rows instead: no faster, and 35–45 MB more at the peak of a rerun at
    /// 40,000 reports; BENCHMARKS.md.)
    /// </summary>
    void Shadow(string name, string table) =>
        // Named with its database: within the view, main.{table} would be the view itself (temp comes first).
        views.Add((name, $"create or replace temp view {name} as select * from \"{database}\".main.{table} where document_id in (select document_id from {Affected})"));

    async Task CreateViewsAsync(DuckDBConnection connection)
    {
        foreach (var (_, create) in views) await connection.ExecuteAsync(create);
    }

    async Task DropViewsAsync(DuckDBConnection connection)
    {
        foreach (var (name, _) in views) await ModelRunner.DropQuietlyAsync(connection, name, "view");
    }

    /// <summary>
    /// How many documents the build computes again: the run's and every document of the same version key (department,
    /// year, kind, project). <see cref="UpdateVersionsAsync"/> made their table, building the kept <c>int_document</c> first.
    /// </summary>
    async Task<long> MarkAffectedAsync() => await Main.ExecuteScalarAsync<long>($"select count(*) from {Affected}");

    /// <summary>
    /// Brings a kept <c>int_</c> model (<see cref="Model.IsKeptIntermediate"/>: <c>int_document</c>) up to date, on
    /// <paramref name="connection"/>, instead of computing it again over every document: first the affected documents, the
    /// run's new ones and every document already kept with one of their version keys (the table <see cref="MarkAffectedAsync"/>
    /// then counts); then their rows computed again, from their staged rows alone. A version key is a document's own
    /// (its department, year, kind and project), and its current version is decided among the documents of that key, so the
    /// other rows stay as they were. <c>IncrementalBuildFacts</c> holds the result to a full rebuild.
    /// </summary>
    public async Task UpdateVersionsAsync(DuckDBConnection connection, Model model)
    {
        // The model's SQL reads stg_document: a CTE of that name, over the rows wanted, comes first in its lookup.
        string Over(string documents) => $"with stg_document as (select * from main.stg_document where {documents})\nselect * from (\n{model.Body}\n)";
        await connections.WriteScratchAsync(connection, connections.CreateScratchTable(AffectedTable, $"""
            select document_id from main.{model.Name}__data
            where version_key in (select version_key from ({Over("run_id = $run")}))
            union
            select document_id from main.stg_document where run_id = $run
            """), new { run });
        await connection.ExecuteAsync($"delete from main.{model.Name}__data where document_id in (select document_id from {Affected})");
        await connection.ExecuteAsync($"insert into main.{model.Name}__data {Over($"document_id in (select document_id from {Affected})")}");
        // Its view, made by the last build from the same SQL; made when missing.
        await connection.ExecuteAsync($"create view if not exists {model.Name} as\n{model.ReportView}");
    }

    /// <summary>Copies each dimension per-document reports read into a temporary <c>&lt;name&gt;__before</c>, before the build rebuilds it.</summary>
    public async Task SnapshotDimensionsAsync()
    {
        // A dimension not built yet has no rows to keep: the reports are then rebuilt whole.
        var built = (await Main.QueryAsync<string>(
            "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'main'")).ToHashSet(StringComparer.Ordinal);
        foreach (var dimension in DimensionsOfPerDocumentReports.Where(d => built.Contains(d.Name)))
        {
            await Main.ExecuteAsync($"create or replace temp table {dimension.Name}__before as select * from main.{dimension.Name}");
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
            var gone = await Main.ExecuteScalarAsync<long>(
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

    /// <summary>Drops the build's views and tables on the build's own connection (the others are closed with their temporary objects).</summary>
    public async ValueTask DisposeAsync()
    {
        await DropViewsAsync(Main);
        foreach (var name in snapshots) await ModelRunner.DropQuietlyAsync(Main, name);
        try { await Main.ExecuteAsync($"drop table if exists {Affected}"); }
        catch (DuckDBException) { /* the transaction is already aborted: the load discards its working copy */ }
    }
}
