using System.Text.RegularExpressions;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Transform;

/// <summary>One SQL model: a <c>select</c> in <c>sql/&lt;layer&gt;/&lt;name&gt;.sql</c>, materialised by its name's prefix.</summary>
public sealed record Model(string Name, string ResourceName, string Sql)
{
    /// <summary>Layers in the order data moves; a model only reads its own or earlier layers.</summary>
    public static readonly string[] LayerPrefixes = ["stg_", "int_", "dim_", "fct_", "rpt_"];

    public int LayerRank => Array.FindIndex(LayerPrefixes, p => Name.StartsWith(p, StringComparison.Ordinal));

    /// <summary><c>int_</c> and <c>rpt_</c> models are views; <c>dim_</c> and <c>fct_</c> models are tables rebuilt each run.</summary>
    public bool IsView => Name.StartsWith("int_", StringComparison.Ordinal) || Name.StartsWith("rpt_", StringComparison.Ordinal);

    public string CreateStatement => $"create or replace {(IsView ? "view" : "table")} {Name} as\n{Sql.TrimEnd().TrimEnd(';')}\n";

    /// <summary>Whether this model's SQL names <paramref name="other"/> as a whole word.</summary>
    public bool References(Model other) =>
        other.Name != Name && Regex.IsMatch(Sql, $@"\b{Regex.Escape(other.Name)}\b", RegexOptions.CultureInvariant);

    public static Model FromResource(string resourceName) =>
        new(SqlResources.ObjectName(resourceName), resourceName, SqlResources.Read(resourceName));
}
