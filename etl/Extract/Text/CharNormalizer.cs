namespace PerfEval.Etl.Extract.Text;

/// <summary>
/// Character-for-character normalisation: full-width digits, letters and the punctuation that numbers
/// and labels use become ASCII; everything else stays (no blanket NFKC, which would turn ⑴ into (1),
/// ㈠ into (一) and ㎡ into m2). One char in, one char out, so positions map back to the original.
/// </summary>
public static class CharNormalizer
{
    public static char Normalize(char c) => c switch
    {
        >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
        >= '\uFF21' and <= '\uFF3A' => (char)('A' + (c - '\uFF21')),
        >= '\uFF41' and <= '\uFF5A' => (char)('a' + (c - '\uFF41')),
        '\uFF0E' => '.',
        '\uFF05' => '%',
        '\uFF1A' => ':',
        '\uFF08' => '(',
        '\uFF09' => ')',
        '\uFF0B' => '+',
        '\uFF0D' or '\u2212' => '-',
        '\uFF1D' => '=',
        '\uFF1C' => '<',
        '\uFF1E' => '>',
        '\uFF0F' => '/',
        '|' or '\uFF5C' or '\u2502' or '\u2503' => '\t', // pipe-separated cells are cells
        '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u200B' or '\uFEFF' => ' ',
        _ => c,
    };

    public static string Normalize(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++) chars[i] = Normalize(chars[i]);
        return new string(chars);
    }

    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>ASCII letter or digit: the only neighbours between which a space carries meaning ("1 1").</summary>
    public static bool IsAsciiAlnum(char c) => c is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z';
}
