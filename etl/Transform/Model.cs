using System.Text.RegularExpressions;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Transform;

/// <summary>One SQL model: a <c>select</c> in <c>sql/&lt;layer&gt;/&lt;name&gt;.sql</c>, materialised by its name's prefix.</summary>
public sealed record Model(string Name, string ResourceName, string Sql)
{
    /// <summary>Layers in the order data moves; a model only reads its own or earlier layers.</summary>
    public static readonly string[] LayerPrefixes = ["stg_", "int_", "dim_", "fct_", "rpt_"];

    public int LayerRank => Array.FindIndex(LayerPrefixes, p => Name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// <c>int_</c> and <c>rpt_</c> models are views, and so is a <c>dim_</c> or <c>fct_</c> model whose file opens with
    /// <c>-- view:</c> (<see cref="IsMartView"/>); the other <c>dim_</c> and <c>fct_</c> models are tables.
    /// </summary>
    public bool IsView => Name.StartsWith("int_", StringComparison.Ordinal) || Name.StartsWith("rpt_", StringComparison.Ordinal) || IsMartView;

    /// <summary>
    /// A <c>dim_</c> or <c>fct_</c> model whose file opens with <c>-- view:</c>: a view analysts query like a table, computed
    /// when read from tables that are kept anyway (a staging table and <c>dim_document</c>). A load then writes nothing for
    /// it: no rows to build, hold in memory and checkpoint, in a full load or a rerun. For facts that are their staged rows
    /// plus a document's department, year and version flag. It must read only tables (never an <c>int_</c> model, whose
    /// name a build gives a scratch table of its own).
    /// </summary>
    public bool IsMartView => Sql.StartsWith("-- view:", StringComparison.Ordinal)
        && (Name.StartsWith("dim_", StringComparison.Ordinal) || Name.StartsWith("fct_", StringComparison.Ordinal));

    /// <summary><c>int_</c> models: views, which a build also computes once into a temporary table (see <see cref="ModelRunner.RunAsync"/>).</summary>
    public bool IsIntermediate => Name.StartsWith("int_", StringComparison.Ordinal);

    /// <summary><c>rpt_</c> models are computed once per load into <c>&lt;name&gt;__data</c> and read through a view of their own name.</summary>
    public bool IsReport => Name.StartsWith("rpt_", StringComparison.Ordinal);

    /// <summary>
    /// An <c>int_</c> model whose file opens with <c>-- incremental: version_key</c>: one row per document, each computed from
    /// its own document's staged row and the other documents of its version key (<c>int_document</c>'s <c>is_current</c>).
    /// It is kept in <c>&lt;name&gt;__data</c> under its view, as a report is, instead of being computed again by every
    /// build: a rerun computes again only the rows of the version keys its new documents have
    /// (<see cref="IncrementalBuild.UpdateVersionsAsync"/>), and the later models read the table.
    /// </summary>
    public bool IsKeptIntermediate => IsIntermediate && Sql.StartsWith("-- incremental: version_key", StringComparison.Ordinal);

    /// <summary>A model kept in a table <c>&lt;name&gt;__data</c> read through a view of its own name: a report, or a kept <c>int_</c> model.</summary>
    public bool HasDataTable => IsReport || IsKeptIntermediate;

    /// <summary>
    /// <c>int_</c> (and <see cref="IsMartView"/>): a view. <c>dim_</c>/<c>fct_</c>: a table. <c>rpt_</c>: a table of the results plus the view analysts
    /// query, so a comparison reads a small table instead of recomputing ranks and medians on every query.
    /// </summary>
    public string CreateStatement => HasDataTable
        ? $"create or replace table {Name}__data as\n{Body}\n;\ncreate or replace view {Name} as\n{ReportView}\n;\n"
        : $"create or replace {(IsView ? "view" : "table")} {Name} as\n{Body}\n";


    /// <summary>
    /// What an incremental build runs for a model it builds whole (<see cref="ModelRunner.UpdateAsync"/>): as
    /// <see cref="CreateStatement"/>, except that the view of an <c>int_</c> or <c>rpt_</c> model is kept. The last build
    /// used the same models (the same <see cref="ModelRunner.Fingerprint"/>), so it created that view as it is; binding a
    /// view's query again costs a few milliseconds each, and the checkpoint would write the catalog entry again. A view
    /// that is missing is created.
    /// </summary>
    public string UpdateStatement => HasDataTable
        ? $"create or replace table {Name}__data as\n{Body}\n;\ncreate view if not exists {Name} as\n{ReportView}\n;\n"
        : IsView ? $"create view if not exists {Name} as\n{Body}\n" : CreateStatement;

    /// <summary>The model's <c>select</c> (for a report with a view of its own, the part before it), without a closing semicolon.</summary>
    public string Body => (ViewStart < 0 ? Sql : Sql[..ViewStart]).TrimEnd().TrimEnd(';').TrimEnd();

    /// <summary>
    /// The line that starts a report's own view, after the <c>select</c> of its <c>__data</c> table. Without it the view is
    /// <c>select * from &lt;name&gt;__data</c>. With it the table can hold only what a report computes across documents
    /// (ranks, medians, the pairs of years), and the view joins the columns each document already has in the <c>dim_</c> and
    /// <c>fct_</c> tables: an incremental build then rewrites a few narrow columns instead of every column of every row.
    /// </summary>
    public const string ViewMarker = "-- the view analysts query:";

    int ViewStart => HasDataTable ? Sql.IndexOf("\n" + ViewMarker, StringComparison.Ordinal) : -1;

    /// <summary>The <c>select</c> of a report's view: the part after <see cref="ViewMarker"/>, or every column of its <c>__data</c> table.</summary>
    public string ReportView => ViewStart < 0 ? $"select * from {Name}__data" : Sql[(ViewStart + 1)..].TrimEnd().TrimEnd(';');

    /// <summary>
    /// Models whose file opens with <c>-- incremental: document_id</c>: tables whose rows belong to one document
    /// each and are computed from that document, its version group and the dimensions alone, so an incremental
    /// build updates them for the documents that changed (<see cref="ModelRunner.UpdateAsync"/>).
    /// </summary>
    public bool IsPerDocument => !IsView && HasPerDocumentRows;

    /// <summary>
    /// <c>rpt_</c> models marked <c>-- incremental: document_id</c>: each row belongs to one document and is computed from
    /// that document's rows of per-document tables and the dimensions, so an incremental build replaces only the
    /// affected documents' rows of <c>&lt;name&gt;__data</c> (<see cref="ModelRunner.UpdateAsync"/>). Its rows are then no
    /// longer in the model's order: <c>perfeval compare</c> and the briefing pack sort every comparison themselves.
    /// </summary>
    public bool IsPerDocumentReport => IsReport && HasPerDocumentRows;

    /// <summary>
    /// Whether the file opens with <c>-- incremental: document_id</c>. On an <c>int_</c> model it says that each row
    /// belongs to one document (<c>document_id</c>) and a per-document model reads only its own document's rows, so an
    /// incremental build keeps only the affected documents' rows of its temporary table while it updates them.
    /// </summary>
    public bool HasPerDocumentRows => Sql.StartsWith("-- incremental: document_id", StringComparison.Ordinal);

    /// <summary>Whether this model's SQL names <paramref name="other"/> as a whole word.</summary>
    public bool References(Model other) =>
        other.Name != Name && Regex.IsMatch(Sql, $@"\b{Regex.Escape(other.Name)}\b", RegexOptions.CultureInvariant);

    public static Model FromResource(string resourceName) =>
        new(SqlResources.ObjectName(resourceName), resourceName, SqlResources.Read(resourceName));
}
