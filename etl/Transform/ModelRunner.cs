using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Transform;

/// <summary>Builds the star schema from the <c>stg_</c> tables: every model under sql/intermediate, sql/marts and sql/reports, dependencies first.</summary>
public static class ModelRunner
{
    public static readonly string[] Folders = ["sql/intermediate/", "sql/marts/", "sql/reports/"];

    /// <summary>All models, each after the models it reads (layer order, then name, among independent ones).</summary>
    public static IReadOnlyList<Model> Models { get; } = Order(Folders.SelectMany(SqlResources.List).Select(Model.FromResource).ToList());

    /// <summary>The tables a run rebuilds (<c>dim_</c> and <c>fct_</c>).</summary>
    public static IEnumerable<string> Tables => Models.Where(m => !m.IsView).Select(m => m.Name);

    /// <summary>
    /// What the derived tables depend on besides the staged rows: every model, check and taxonomy file and the
    /// extractor version. When it and the staged rows are unchanged, rebuilding would give the same tables.
    /// </summary>
    public static string Fingerprint { get; } = ComputeFingerprint();

    static string ComputeFingerprint()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var name in SqlResources.List("sql/").Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(SqlResources.Read(name)));
        }
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(PerfEval.Etl.Extract.Extractor.Version));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Builds every model in dependency order. Each <c>int_</c> view is also computed once into a temporary table of the
    /// same name, which the later models read instead of the view (temporary objects come first in DuckDB's search
    /// path; with several connections, a table of a scratch schema read through a temporary view: <see cref="BuildConnections"/>):
    /// every mart that reads <c>int_document</c> would otherwise recompute its keys and version windows. Those tables are
    /// dropped at the end; the warehouse keeps the views, so analysts' SQL over <c>int_</c> models reads the same rows.
    /// <c>checkpoint</c>, when given, is called after each model. A load passes
    /// <see cref="Warehouse.WarehouseLoad.CheckpointsForBuildAsync"/>'s, which may commit and checkpoint part way so the
    /// tables built do not all wait in memory; it returns whether it did.
    /// </summary>
    public static Task RunAsync(DuckDBConnection connection, IProgress<string>? progress = null, Func<Task<bool>>? checkpoint = null, CancellationToken cancellationToken = default) =>
        BuildAsync(connection, null, progress, checkpoint, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync"/> after run <paramref name="newDocumentsOfRun"/> only added documents to tables built by
    /// these same models (no re-extraction, same <see cref="Fingerprint"/>): the <c>fct_</c> tables are updated
    /// incrementally (every model marked <c>-- incremental: document_id</c>: the <c>fct_</c> tables and <c>dim_document</c>).
    /// Only the rows of the documents that run added and of the documents they may supersede are deleted and
    /// computed again. That is the same result as a rebuild because such a model yields each document's rows from
    /// that document's staged rows, its <c>int_document</c> row (whose <c>is_current</c> only changes within its
    /// version key) and the dimensions, whose ids are numbered by first document and so never move when documents
    /// are only added. The other <c>dim_</c> and the <c>rpt_</c> models, which span documents, are always rebuilt.
    /// <c>IncrementalBuildFacts</c> holds an incremental build to a full rebuild, table by table.
    /// With <paramref name="side"/>, the independent models of each phase are built side by side on those connections
    /// too, each model in a transaction of its own: <paramref name="connection"/> must then be in an explicit transaction,
    /// which the build commits, and it is left in a new one (<see cref="BuildConnections"/>); <paramref name="checkpoint"/>
    /// is then called between phases instead of after each model. (A full build stays on one connection: it checkpoints
    /// after each model so that the tables it writes do not all wait in memory; a rerun's update writes little.)
    /// </summary>
    public static Task UpdateAsync(DuckDBConnection connection, long newDocumentsOfRun, IProgress<string>? progress = null, Func<Task<bool>>? checkpoint = null, SideConnections? side = null, CancellationToken cancellationToken = default) =>
        BuildAsync(connection, newDocumentsOfRun, progress, checkpoint, side, cancellationToken);

    static async Task BuildAsync(DuckDBConnection connection, long? newDocumentsOfRun, IProgress<string>? progress, Func<Task<bool>>? checkpoint, SideConnections? side, CancellationToken cancellationToken)
    {
        var checkpoints = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var times = new List<(string Model, TimeSpan Took)>();
        await using var connections = await BuildConnections.OpenAsync(connection, side?.Open, side?.Count ?? 0);
        var build = newDocumentsOfRun is { } run ? new IncrementalBuild(connections, run) : null;
        try
        {
            if (build is not null) await build.SnapshotDimensionsAsync();
            else await DropChangedKindsAsync(connections.Main);
            var models = build is null ? Models : IncrementalOrder.Models;
            // A full build is one phase. An incremental build's phases are runs of models of the same phase in its order.
            for (var first = 0; first < models.Count;)
            {
                var wanted = build is null ? IncrementalBuild.Phase.Whole : IncrementalBuild.PhaseOf(models[first]);
                var end = first + 1;
                while (end < models.Count && build is not null && IncrementalBuild.PhaseOf(models[end]) == wanted) end++;
                var phase = build is null ? wanted : await build.EnterAsync(wanted);
                var group = models.Skip(first).Take(end - first).ToList();
                var took = await connections.RunAsync(group, (on, model) => BuildModelAsync(connections, build, on, model, phase),
                    checkpoint is null ? null : async () => { if (await checkpoint()) checkpoints++; }, cancellationToken);
                times.AddRange(group.Select((m, i) => (m.Name, took[i])));
                // Committed model by model: what reads them on other connections may start (before the checkpoint below).
                if (connections.Parallel) side?.PhaseBuilt?.Invoke(group);
                if (connections.Parallel && checkpoint is not null && await checkpoint()) checkpoints++;
                first = end;
            }
        }
        finally
        {
            if (build is not null) await build.DisposeAsync();
        }
        var slowest = string.Join(", ", times.OrderByDescending(t => t.Took).Take(3)
            .Select(t => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.Model} {t.Took.TotalSeconds:0.00} s")));
        progress?.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"transform: built {Models.Count} models in {clock.Elapsed.TotalSeconds:0.00} s{(connections.Parallel ? $" on {connections.Count} connections" : "")}{build?.Describe()} (slowest: {slowest}){(checkpoints > 0 ? $"; checkpointed {checkpoints}× on the way, so the tables built did not all wait in memory" : "")}"));
    }

    /// <summary>
    /// Builds <paramref name="model"/> on <paramref name="connection"/>: whole (its <see cref="Model.CreateStatement"/>, or in an
    /// incremental build its <see cref="Model.UpdateStatement"/>; an
    /// <c>int_</c> view is also computed into its scratch table, which later models read instead of recomputing it), or as
    /// the incremental build's per-document phase says.
    /// </summary>
    static async Task BuildModelAsync(BuildConnections connections, IncrementalBuild? build, DuckDBConnection connection, Model model, IncrementalBuild.Phase phase)
    {
        if (build is not null && model.IsKeptIntermediate)
        {
            await build.UpdateVersionsAsync(connection, model);
            return;
        }
        if (build is not null && phase != IncrementalBuild.Phase.Whole)
        {
            await build.UpdateAsync(connection, model, phase);
            return;
        }
        await connection.ExecuteAsync(build is not null ? model.UpdateStatement : model.CreateStatement);
        // A kept int_ model is a table already: the later models read it through its view.
        if (model.IsIntermediate && !model.IsKeptIntermediate) await connections.MaterializeAsync(connection, model.Name, $"select * from main.{model.Name}");
    }

    /// <summary>
    /// The order of an incremental build (<see cref="IncrementalOrder"/>): every model that is neither per-document nor a
    /// report (the <c>int_</c> and the other <c>dim_</c> models), then the per-document tables (with the <c>int_</c> models
    /// that only they read, <see cref="IncrementalOrder.IntermediatesWithTables"/>), then the per-document reports, then the
    /// other reports, each group in <see cref="Models"/>' order. <see cref="IncrementalOrder.Grouped"/>
    /// says whether the models allow it; if they do not, the order is <see cref="Models"/> itself, the build updates only
    /// the per-document tables, and those read the <c>int_</c> tables whole (<see cref="IncrementalBuild"/>).
    /// </summary>
    internal static IncrementalOrder IncrementalOrder { get; } = OrderForIncrementalBuild(Models);

    internal static IncrementalOrder OrderForIncrementalBuild(IReadOnlyList<Model> models)
    {
        // An int_ model with per-document rows that only per-document tables read is built with them, from the affected
        // documents' rows alone, instead of whole and then narrowed (IncrementalBuild.UpdateAsync).
        var withTables = models.Where(m => m.IsIntermediate && m.HasPerDocumentRows
            && models.Where(r => r.References(m)).All(r => r.IsPerDocument)).ToList();
        var first = models.Where(m => !m.IsPerDocument && !m.IsReport && !m.IsMartView && !withTables.Contains(m)).ToList();
        // The views among the dim_ and fct_ models read per-document tables (dim_document): they come with those, last.
        var tables = models.Where(m => (m.IsPerDocument || withTables.Contains(m)) && !m.IsMartView).Concat(models.Where(m => m.IsMartView)).ToList();
        var reportsByDocument = models.Where(m => m.IsPerDocumentReport).ToList();
        var otherReports = models.Where(m => m.IsReport && !m.IsPerDocumentReport).ToList();
        bool Reads(IEnumerable<Model> readers, IEnumerable<Model> read) => readers.Any(r => read.Any(r.References));
        var narrowed = models.Where(m => m.IsIntermediate && m.HasPerDocumentRows).ToList();
        var grouped =
            // each group reads only models of the groups before it (or its own, built in dependency order) ...
            !Reads(first, [.. tables, .. reportsByDocument, .. otherReports])
            && !Reads(tables, [.. reportsByDocument, .. otherReports])
            && !Reads(reportsByDocument, otherReports)
            // ... and the reports do not read the int_ tables narrowed to the affected documents for the per-document tables.
            && !Reads([.. reportsByDocument, .. otherReports], narrowed);
        return grouped
            ? new IncrementalOrder([.. first, .. tables, .. reportsByDocument, .. otherReports], true, withTables.Select(m => m.Name).ToHashSet(StringComparer.Ordinal))
            : new IncrementalOrder(models, false, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// Drops each <c>dim_</c>/<c>fct_</c> table that a model now makes a view, and each such view that a model now makes a
    /// table (a warehouse built by an older version): DuckDB replaces neither kind with the other. Only a full build, which
    /// any change to the models brings (<see cref="Fingerprint"/>), creates them again.
    /// </summary>
    static async Task DropChangedKindsAsync(DuckDBConnection connection)
    {
        var kinds = (await connection.QueryAsync<(string Name, string Kind)>(
                "select table_name, table_type from information_schema.tables where table_catalog = current_database() and table_schema = 'main'"))
            .ToDictionary(t => t.Name, t => t.Kind, StringComparer.Ordinal);
        foreach (var model in Models.Where(m => !m.IsIntermediate && !m.IsReport))
            if (kinds.TryGetValue(model.Name, out var kind) && (kind == "VIEW") != model.IsView)
                await connection.ExecuteAsync($"drop {(kind == "VIEW" ? "view" : "table")} main.{model.Name}");
    }

    internal static async Task DropQuietlyAsync(DuckDBConnection connection, string name, string kind = "table")
    {
        try { await connection.ExecuteAsync($"drop {kind} if exists temp.{name}"); }
        catch (DuckDBException) { /* the transaction is already aborted: its temporary tables go with it */ }
    }

    internal static async Task RollbackQuietlyAsync(DuckDBConnection connection)
    {
        try { await connection.ExecuteAsync("rollback"); }
        catch (DuckDBException) { /* no transaction open: nothing to undo */ }
    }

    internal static List<Model> Order(IReadOnlyList<Model> models)
    {
        var byRank = models.OrderBy(m => m.LayerRank).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<Model>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        foreach (var model in byRank) Visit(model);
        return ordered;

        void Visit(Model model)
        {
            if (state.TryGetValue(model.Name, out var done))
            {
                if (!done) throw new InvalidOperationException($"models reference each other in a cycle through {model.Name}");
                return;
            }
            state[model.Name] = false;
            foreach (var dependency in byRank.Where(model.References)) Visit(dependency);
            state[model.Name] = true;
            ordered.Add(model);
        }
    }
}

/// <summary>
/// More connections to a build's DuckDB instance, for an incremental build to run independent models side by side
/// (<see cref="ModelRunner.UpdateAsync"/>): <paramref name="Count"/> connections, each opened by <paramref name="Open"/>
/// with the same default database as the build's own connection. <paramref name="PhaseBuilt"/>, when given, is called
/// with the models of each phase once they are all committed (and before the build checkpoints part way), so that work
/// reading them from other connections can start (the load's checks).
/// </summary>
public sealed record SideConnections(Func<DuckDBConnection> Open, int Count, Action<IReadOnlyList<Model>>? PhaseBuilt = null);

/// <summary>
/// The models in the order an incremental build takes them; <paramref name="Grouped"/>: per-document ones together
/// (<see cref="ModelRunner.OrderForIncrementalBuild"/>); <paramref name="IntermediatesWithTables"/>: the <c>int_</c> models
/// built in the per-document tables' phase, from the affected documents' rows only.
/// </summary>
internal sealed record IncrementalOrder(IReadOnlyList<Model> Models, bool Grouped, IReadOnlySet<string> IntermediatesWithTables);
