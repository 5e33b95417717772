using System.Text.RegularExpressions;
using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Transform;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Check;

/// <summary>Runs every <c>assert_*</c> check and stores the offending rows in <c>dq_finding</c>. Findings never stop a load.</summary>
public static class CheckRunner
{
    public static IReadOnlyList<DataCheck> Checks { get; } =
        SqlResources.List("sql/checks/").Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Select(DataCheck.FromResource).ToList();

    public static DataCheck Get(string name) =>
        Checks.SingleOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no check named {name}", nameof(name));

    /// <summary>Replaces <c>dq_finding</c> with this run's findings; returns how many there are.</summary>
    public static async Task<int> RunAsync(DuckDBConnection connection, long runId, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await connection.ExecuteAsync("delete from dq_finding");
        var total = 0;
        foreach (var check in Checks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            total += await connection.ExecuteAsync(
                $"insert into dq_finding (run_id, check_name, table_name, document_id, detail)\nselect $run_id, $check_name, $table_name, document_id, detail from (\n{check.OffendingRowsSql}\n)",
                new { run_id = runId, check_name = check.Name, table_name = check.Table });
        }
        progress?.Report(Describe(total));
        return total;
    }

    /// <summary>The progress line of a run of the checks that found <paramref name="findings"/> offending rows.</summary>
    public static string Describe(int findings) => $"check: {Checks.Count} checks, {findings} findings";

    /// <summary>
    /// Whether none of <paramref name="checks"/> (by default <see cref="Checks"/>) reads a report (a <c>rpt_</c> model of
    /// <paramref name="models"/>, or its <c>__data</c> table): the checks can then run as soon as the <c>dim_</c> and
    /// <c>fct_</c> tables are built, beside the reports.
    /// </summary>
    public static bool ReadNoReport(IEnumerable<Model> models, IEnumerable<DataCheck>? checks = null)
    {
        var all = (checks ?? Checks).ToList();
        return !models.Any(m => m.IsReport && all.Any(c => Regex.IsMatch(c.Sql, $@"\b{Regex.Escape(m.Name)}", RegexOptions.CultureInvariant)));
    }

    /// <summary>The offending rows of one check, without storing them.</summary>
    public static async Task<IReadOnlyList<Finding>> QueryAsync(DuckDBConnection connection, string checkName) =>
        (await connection.QueryAsync<Finding>($"select document_id as DocumentId, detail as Detail from (\n{Get(checkName).OffendingRowsSql}\n)")).ToList();

    /// <summary>One offending row: the document it came from and what is wrong.</summary>
    public sealed record Finding(long? DocumentId, string Detail);
}
