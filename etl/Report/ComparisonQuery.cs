using Dapper;
using DuckDB.NET.Data;

namespace PerfEval.Etl.Report;

/// <summary>A comparison's view read with its filters as a parameterised WHERE, in the comparison's order.</summary>
public sealed record ComparisonQuery(string Sql, IReadOnlyDictionary<string, object> Parameters)
{
    /// <summary>
    /// <c>select * from view where … order by …</c>; throws <see cref="ArgumentException"/> when a filter
    /// names a column the view does not have (rpt_causes has no org_type).
    /// </summary>
    public static ComparisonQuery Build(DuckDBConnection connection, Comparison comparison, ComparisonFilter filter, string? extraCondition = null, string columns = "*")
    {
        var viewColumns = Columns(connection, comparison.View);
        var conditions = new List<string>();
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (option, column, value) in filter.Conditions())
        {
            if (!viewColumns.Contains(column))
                throw new ArgumentException($"{option} does not apply to `{comparison.Name}`: {comparison.View} has no {column} column");
            conditions.Add($"{column} = ${column}");
            parameters[column] = value;
        }
        if (extraCondition is not null) conditions.Add(extraCondition);
        var where = conditions.Count == 0 ? "" : " where " + string.Join(" and ", conditions);
        return new ComparisonQuery($"select {columns} from {comparison.View}{where} order by {comparison.OrderBy}", parameters);
    }

    /// <summary>Runs the query on <paramref name="connection"/> and hands the open reader to <paramref name="read"/>.</summary>
    public T Read<T>(DuckDBConnection connection, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        foreach (var (name, value) in Parameters) command.Parameters.Add(new DuckDBParameter(name, value));
        using var reader = command.ExecuteReader();
        return read(reader);
    }

    /// <summary>
    /// The rows as <typeparamref name="T"/> (snake_case columns onto PascalCase properties), one at a time as they are
    /// enumerated, so memory does not grow with the row count.
    /// </summary>
    public IEnumerable<T> Stream<T>(DuckDBConnection connection)
    {
        SnakeCaseMap.Register<T>();
        return connection.Query<T>(Sql, new DynamicParameters(Parameters), buffered: false);
    }

    /// <summary>The column names of a view.</summary>
    public static HashSet<string> Columns(DuckDBConnection connection, string view)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from {view} limit 0";
        using var reader = command.ExecuteReader();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
    }
}
