using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace PerfEval.Etl.Report;

/// <summary>Maps <c>total_score_evidence_line</c> onto <c>TotalScoreEvidenceLine</c> for one record type (not Dapper-wide).</summary>
internal static class SnakeCaseMap
{
    static readonly ConcurrentDictionary<Type, bool> Registered = new();

    public static void Register<T>() => Registered.GetOrAdd(typeof(T), type =>
    {
        SqlMapper.SetTypeMap(type, new CustomPropertyTypeMap(type, (t, column) => t.GetProperty(Pascal(column), BindingFlags.Public | BindingFlags.Instance)!));
        return true;
    });

    internal static string Pascal(string column) =>
        string.Concat(column.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
}
