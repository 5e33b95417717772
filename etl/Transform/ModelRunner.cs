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
    /// Builds every model in dependency order. Each <c>int_</c> view is also computed once into a temporary
    /// table of the same name, which this connection's later models read instead of the view (temporary
    /// objects come first in DuckDB's search path): every mart that reads <c>int_document</c> would otherwise
    /// recompute its keys and version windows. The temporary tables are dropped at the end; the warehouse
    /// keeps the views, so analysts' SQL over <c>int_</c> models reads the same rows.
    /// </summary>
    public static Task RunAsync(DuckDBConnection connection, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        BuildAsync(connection, null, progress, cancellationToken);

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
    /// </summary>
    public static Task UpdateAsync(DuckDBConnection connection, long newDocumentsOfRun, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        BuildAsync(connection, newDocumentsOfRun, progress, cancellationToken);

    static async Task BuildAsync(DuckDBConnection connection, long? newDocumentsOfRun, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var times = new List<(string Model, TimeSpan Took)>();
        var shadows = new List<string>();
        var stagingShadows = new List<string>();
        long? affected = null;
        // An incremental build updates the per-document tables together, after every other dim_ model, reading only
        // the affected documents' staged rows (see StageShadowsAsync); the rpt_ models follow.
        var order = newDocumentsOfRun is null ? Models : IncrementalOrder;
        var lastPerDocument = newDocumentsOfRun is null ? null : order.LastOrDefault(m => m.IsPerDocument);
        try
        {
            foreach (var model in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = clock.Elapsed;
                try
                {
                    if (newDocumentsOfRun is { } run && model.IsPerDocument)
                    {
                        if (affected is null)
                        {
                            affected = await MarkAffectedAsync(connection, run);
                            stagingShadows.AddRange(await StageShadowsAsync(connection));
                        }
                        await connection.ExecuteAsync($"delete from {model.Name} where document_id in (select document_id from {Affected})");
                        await connection.ExecuteAsync($"insert into {model.Name} select * from (\n{model.Body}\n) where document_id in (select document_id from {Affected})");
                    }
                    else
                    {
                        await connection.ExecuteAsync(model.CreateStatement);
                    }
                    if (model.IsIntermediate)
                    {
                        await connection.ExecuteAsync($"create or replace temp table {model.Name} as select * from main.{model.Name}");
                        shadows.Add(model.Name);
                    }
                    if (model == lastPerDocument)
                    {
                        // The rpt_ models and the checks read every staged row again.
                        foreach (var name in stagingShadows) await connection.ExecuteAsync($"drop view temp.{name}");
                        stagingShadows.Clear();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new InvalidOperationException($"model {model.Name} ({model.ResourceName}) failed: {e.Message}", e);
                }
                times.Add((model.Name, clock.Elapsed - started));
            }
        }
        finally
        {
            foreach (var name in shadows.Append(Affected)) await DropQuietlyAsync(connection, name);
            foreach (var name in stagingShadows) await DropQuietlyAsync(connection, name, "view");
        }
        var slowest = string.Join(", ", times.OrderByDescending(t => t.Took).Take(3)
            .Select(t => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t.Model} {t.Took.TotalSeconds:0.00} s")));
        var how = affected is { } n ? $"; per-document tables updated for {n} documents, the new ones and those they may supersede" : "";
        progress?.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"transform: built {Models.Count} models in {clock.Elapsed.TotalSeconds:0.00} s{how} (slowest: {slowest})"));
    }

    /// <summary>
    /// The order of an incremental build: every model that is neither per-document nor a report (the <c>int_</c> and the
    /// other <c>dim_</c> models), then the per-document models, then the reports, each group in <see cref="Models"/>' order.
    /// That is a dependency order as long as no model of the first group reads a per-document one, which holds for the
    /// models as they are (<c>ModelRunnerFacts</c>); if a model ever does, it is <see cref="Models"/> itself.
    /// </summary>
    internal static IReadOnlyList<Model> IncrementalOrder { get; } = OrderForIncrementalBuild(Models);

    internal static IReadOnlyList<Model> OrderForIncrementalBuild(IReadOnlyList<Model> models)
    {
        var first = models.Where(m => !m.IsPerDocument && !m.IsReport).ToList();
        if (first.Any(m => models.Any(d => d.IsPerDocument && m.References(d)))) return models;
        return [.. first, .. models.Where(m => m.IsPerDocument), .. models.Where(m => m.IsReport)];
    }

    /// <summary>
    /// Shadows every staging table that has a <c>document_id</c> with a temporary view of the same name over only the
    /// affected documents' rows, so each per-document model aggregates and joins a few hundred documents' rows instead
    /// of every staged row before its result is filtered to those documents (a filter DuckDB cannot push below the
    /// models' GROUP BYs). The same rows as a full build, since such a model reads nothing of other documents
    /// (<c>IncrementalBuildFacts</c>). Returns the names.
    /// </summary>
    static async Task<IReadOnlyList<string>> StageShadowsAsync(DuckDBConnection connection)
    {
        var tables = (await connection.QueryAsync<string>(
            "select table_name from duckdb_columns() where database_name <> 'temp' and schema_name = 'main' and table_name like 'stg\\_%' escape '\\' and column_name = 'document_id' order by table_name")).ToList();
        // Named with its database: within the view, main.{table} would be the view itself (temp comes first).
        var database = await connection.ExecuteScalarAsync<string>("select current_database()");
        foreach (var table in tables)
            await connection.ExecuteAsync($"create or replace temp view {table} as select * from \"{database}\".main.{table} where document_id in (select document_id from temp.{Affected})");
        return tables;
    }

    /// <summary>The temporary table of the documents an incremental build computes again.</summary>
    const string Affected = "build_affected_document";

    /// <summary>The documents <paramref name="run"/> added and every document of the same version key (department, year, kind, project).</summary>
    static async Task<long> MarkAffectedAsync(DuckDBConnection connection, long run)
    {
        await connection.ExecuteAsync($"""
            create or replace temp table {Affected} as
            select document_id from int_document
            where version_key in (select version_key from int_document where run_id = $run)
            """, new { run });
        return await connection.ExecuteScalarAsync<long>($"select count(*) from {Affected}");
    }

    static async Task DropQuietlyAsync(DuckDBConnection connection, string name, string kind = "table")
    {
        try { await connection.ExecuteAsync($"drop {kind} if exists temp.{name}"); }
        catch (DuckDBException) { /* the transaction is already aborted: its temporary tables go with it */ }
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
