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

    public static async Task RunAsync(DuckDBConnection connection, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        foreach (var model in Models)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await connection.ExecuteAsync(model.CreateStatement);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"model {model.Name} ({model.ResourceName}) failed: {e.Message}", e);
            }
        }
        progress?.Report($"transform: built {Models.Count} models");
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
