using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract.Text;

/// <summary>Enumerators and headings: 一、 (一) 1. (1) ① 一是 第一部分 ...</summary>
public static partial class Markers
{
    public static bool StartsWithMarker(string s) => Marker().IsMatch(s);

    /// <summary>A short numbered line without sentence punctuation: a section heading.</summary>
    public static bool IsHeading(string s) =>
        s.Length <= 32 && Marker().IsMatch(s) && s.IndexOfAny(['，', '。', '；', ',', ';']) < 0 && !Amount().IsMatch(s);

    [GeneratedRegex(@"\d\s*(?:万元|万|元|%)")]
    private static partial Regex Amount();

    /// <summary>Length of the leading enumerator (0 when none).</summary>
    public static int MarkerLength(string s)
    {
        var m = Marker().Match(s);
        return m.Success ? m.Length : 0;
    }

    [GeneratedRegex(@"^\s*(?:第[一二三四五六七八九十百]+[章节部分条项]|[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、.．](?![\d.])|\d{1,2}\s*[)）]|[①-⑳⑴-⒇⒈-⒛㈠-㈩]|(?:其)?[一二三四五六七八九十]是|附件|\*\*)")]
    private static partial Regex Marker();
}
