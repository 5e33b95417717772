using System.Text.RegularExpressions;

namespace PerfEval.Etl.Warehouse;

/// <summary>A DuckDB memory size as operators write it (<c>256MB</c>, <c>2GB</c>, <c>1.5GiB</c>).</summary>
public static partial class DuckDbMemory
{
    /// <summary>
    /// What a load lets DuckDB hold in memory by default. A load's staged rows and the tables built from them
    /// stay in DuckDB's buffer pool until the load commits; capped, DuckDB spills what does not fit to a
    /// temporary file beside the warehouse, so the memory a load needs stays flat however large the corpus.
    /// 20,000 reports want about 300 MB uncapped (BENCHMARKS.md).
    /// </summary>
    public const string DefaultLoadLimit = "256MB";

    /// <summary>The size with its unit, or <see cref="ArgumentException"/> saying what is expected.</summary>
    public static string Validate(string size)
    {
        ArgumentNullException.ThrowIfNull(size);
        var trimmed = size.Trim();
        if (!Size().IsMatch(trimmed))
            throw new ArgumentException($"'{size}' is not a memory size: write a number and a unit, such as 256MB, 2GB or 1.5GiB");
        return trimmed;
    }

    /// <summary>The number of bytes a valid size stands for, as DuckDB reads it (KB = 1000 bytes, KiB = 1024).</summary>
    public static long Bytes(string size)
    {
        var match = Size().Match(Validate(size));
        var number = double.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToUpperInvariant();
        var power = "KMGT".IndexOf(unit[0], StringComparison.Ordinal) + 1;
        return (long)(number * Math.Pow(unit.Contains('I', StringComparison.Ordinal) ? 1024 : 1000, power));
    }

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?)\s*(?<unit>KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Size();
}
