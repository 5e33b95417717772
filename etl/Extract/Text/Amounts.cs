using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract.Text;

/// <summary>Numbers and money as reports write them: "5563.49万元", "1,234.5 元", "88.50 万", "99.68%".</summary>
public static partial class Amounts
{
    /// <summary>A number: digits with optional thousands groups and decimals.</summary>
    public const string Number = @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

    public static decimal? ParseNumber(string s)
    {
        s = s.Replace(",", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>Converts an amount in <paramref name="unit"/> to 万元; null for an unknown unit.</summary>
    public static decimal? ToWan(decimal value, string? unit) => unit switch
    {
        "万元" or "万" => value,
        "元" => value / 10000m,
        "千元" => value / 10m,
        "亿元" or "亿" => value * 10000m,
        _ => null,
    };

    /// <summary>Drops trailing zeros so 88.50 prints as 88.5.</summary>
    public static decimal Clean(decimal d) => d / 1.0000000000000000000000000000m;

    /// <summary>The unit a table declares for its bare numbers ("单位：万元"), or null.</summary>
    public static string? DeclaredUnit(string flow)
    {
        var m = UnitDeclaration().Match(flow);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"(?:单位|金额单位)\s*[:]\s*(万元|元|千元|亿元)")]
    private static partial Regex UnitDeclaration();
}
