using System.Reflection;

namespace PerfEval.Etl.Warehouse;

/// <summary>The .sql and .csv files under <c>sql/</c>, embedded as resources named <c>sql/&lt;folder&gt;/&lt;file&gt;</c>.</summary>
public static class SqlResources
{
    static readonly Assembly Assembly = typeof(SqlResources).Assembly;

    /// <summary>Resource names under a folder (e.g. <c>sql/checks/</c>), in ordinal order.</summary>
    public static IReadOnlyList<string> List(string folder) =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing; is it under sql/?");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary><c>sql/marts/dim_year.sql</c> → <c>dim_year</c>.</summary>
    public static string ObjectName(string resourceName) => System.IO.Path.GetFileNameWithoutExtension(resourceName);
}
