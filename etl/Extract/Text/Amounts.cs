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

    /// <summary>
    /// True when the digits at [start, end) are a whole number on their own: no letter or digit glued to
    /// either side (OCR's "9O.5", "98.9O"), and no other number one space away ("9 8.94", "5 563.49"),
    /// which would mean the digits were split and the value cannot be read with certainty.
    /// </summary>
    public static bool IsIsolated(string text, int start, int end)
    {
        if (start > 0)
        {
            var b = text[start - 1];
            if (CharNormalizer.IsAsciiAlnum(b) || b is '.' or ',') return false;
            if (b == ' ' && start > 1 && char.IsAsciiDigit(text[start - 2])) return false;
        }
        if (end < text.Length)
        {
            var a = text[end];
            if (CharNormalizer.IsAsciiAlnum(a)) return false;
            if (a is '.' or ',' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])) return false;
            if (a == '.' && end + 2 < text.Length && text[end + 1] == ' ' && char.IsAsciiDigit(text[end + 2])) return false; // "98. 94"
            if (a == ' ' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])) return false;
        }
        return true;
    }

    /// <summary>Drops trailing zeros so 88.50 prints as 88.5.</summary>
    public static decimal Clean(decimal d) => d / 1.0000000000000000000000000000m;

    /// <summary>The unit declared for bare numbers ("单位：万元") nearest before <paramref name="index"/>, within 3,000 characters.</summary>
    public static string? UnitBefore(string flow, int index)
    {
        var start = Math.Max(0, index - 3000);
        var m = UnitDeclaration().Matches(flow[start..index]).LastOrDefault();
        return m?.Groups["unit"].Value;
    }

    /// <summary>A note under a table naming its unit ("注：…单位为元"), within 800 characters after <paramref name="index"/>.</summary>
    public static string? UnitNoteAfter(string flow, int index)
    {
        var end = Math.Min(flow.Length, index + 800);
        var m = UnitNote().Match(flow[index..end]);
        return m.Success ? m.Groups["unit"].Value : null;
    }

    [GeneratedRegex(@"注\s*[:：]?[^\n]{0,20}单位(?:为|是|:)\s*(?<unit>万元|元|千元|亿元)")]
    private static partial Regex UnitNote();

    /// <summary>A unit declared in one line or cell: "单位：万元", "金额单位:元", "项目资金（万元）".</summary>
    public static string? UnitIn(string text)
    {
        var m = UnitDeclaration().Matches(text).LastOrDefault();
        return m?.Groups["unit"].Value;
    }

    [GeneratedRegex(@"(?:单位|金额单位)\s*(?:[:]|为)\s*(?<unit>万元|元|千元|亿元)|\((?:单位[:：]?)?(?<unit>万元|元|千元|亿元)\)")]
    private static partial Regex UnitDeclaration();
}
