using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Check;

/// <summary>One <c>sql/checks/assert_&lt;table&gt;__&lt;rule&gt;.sql</c>: a select of offending rows (document_id, detail); none means pass.</summary>
public sealed record DataCheck(string Name, string Table, string Rule, string Sql)
{
    public static DataCheck FromResource(string resourceName)
    {
        var name = SqlResources.ObjectName(resourceName);
        var parts = name["assert_".Length..].Split("__", 2);
        return new DataCheck(name, parts[0], parts.Length > 1 ? parts[1] : "", SqlResources.Read(resourceName));
    }

    /// <summary>The check's offending rows as <c>(document_id, detail)</c>.</summary>
    public string OffendingRowsSql => $"select document_id, detail from (\n{Sql.TrimEnd().TrimEnd(';')}\n) as offending";
}
