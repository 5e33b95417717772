using System.Text;

namespace PerfEval.Etl.Extract;

/// <summary>The text of a file, how it was encoded, or why it cannot be read.</summary>
public sealed record DecodedText(string? Text, string? Encoding, string? Error)
{
    public bool IsOk => Text is not null;
}

/// <summary>
/// Detects the encoding of a report file (BOMs, strict UTF-8, GB18030, BOM-less UTF-16, then charset
/// detection) and refuses bytes that are not text. Detect, don't assume: a GBK file decoded as UTF-8
/// would put mojibake into every name.
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Files larger than this are refused: no self-evaluation report comes near it.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return Fail("empty file (0 bytes)");
        if (bytes.Length > MaxBytes) return Fail(TooLarge(bytes.Length));

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00])) return Strict(bytes[4..], new UTF32Encoding(false, false, true), "utf-32le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Strict(bytes[3..], new UTF8Encoding(false, true), "utf-8-bom");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Strict(bytes[2..], new UnicodeEncoding(false, false, true), "utf-16le");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Strict(bytes[2..], new UnicodeEncoding(true, false, true), "utf-16be");

        if (LooksLikeUtf16(bytes, out var bigEndian) || bytes.IndexOf((byte)0) >= 0 && ReadsAsUtf16Text(bytes, out bigEndian))
            return Strict(bytes, new UnicodeEncoding(bigEndian, false, true), bigEndian ? "utf-16be" : "utf-16le");
        if (bytes.IndexOf((byte)0) >= 0) return Fail("binary file: it contains NUL bytes, so it is not a text report");

        // Valid UTF-8 that is blank or binary is refused as such, not retried as another charset.
        var utf8 = Strict(bytes, new UTF8Encoding(false, true), "utf-8");
        if (utf8.IsOk || utf8.Encoding is not null) return utf8;
        if (EndsInsideUtf8Character(bytes))
            return Fail("truncated file: it ends in the middle of a UTF-8 character");

        var gb = Strict(bytes, System.Text.Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), "gb18030");
        if (gb.IsOk) return gb;

        var detected = UtfUnknown.CharsetDetector.DetectFromBytes(bytes.ToArray()).Detected;
        if (detected?.Encoding is { } enc && detected.Confidence >= 0.5f)
        {
            var name = detected.EncodingName.ToLowerInvariant();
            var other = Strict(bytes, System.Text.Encoding.GetEncoding(enc.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback), name);
            if (other.IsOk) return other;
        }
        return Fail("unknown encoding: the bytes are neither UTF-8, GB18030/GBK nor UTF-16, and no other charset fits");
    }

    /// <summary>Decodes strictly; a rejection of the decoded content (blank, binary) keeps the encoding name.</summary>
    static DecodedText Strict(ReadOnlySpan<byte> bytes, Encoding encoding, string name)
    {
        string text;
        try { text = encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return Fail($"not valid {name}"); }
        if (text.Length == 0 || text.AsSpan().Trim().IsEmpty) return new(null, name, "empty file: it holds only whitespace");
        var control = 0;
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f') || c == '\uFFFD') control++;
        if (control > text.Length / 100 + 2)
            return new(null, name, $"binary file: {control} control characters in {text.Length} decoded as {name}");
        return new DecodedText(text, name, null);
    }

    /// <summary>Why a file of <paramref name="length"/> bytes (over <see cref="MaxBytes"/>) is refused; callers check the length before reading.</summary>
    public static string TooLarge(long length) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"file too large: {length / 1024.0 / 1024.0:0.0} MB, the limit for one report is {MaxBytes / 1024 / 1024} MB (a self-evaluation report is well under 1 MB)");

    static DecodedText Fail(string error) => new(null, null, error);

    /// <summary>BOM-less UTF-16: most code units of CJK-or-ASCII text have one zero byte at a fixed side.</summary>
    static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        if (bytes.Length < 4 || bytes.Length % 2 != 0) return false;
        int evenZero = 0, oddZero = 0, n = Math.Min(bytes.Length, 4096);
        for (var i = 0; i + 1 < n; i += 2)
        {
            if (bytes[i] == 0) evenZero++;
            if (bytes[i + 1] == 0) oddZero++;
        }
        var pairs = n / 2;
        if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return true;
        if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) { bigEndian = true; return true; }
        return false;
    }

    /// <summary>
    /// BOM-less UTF-16 of mostly Chinese text has few zero bytes (only its ASCII does), so the
    /// zero-byte count cannot tell; decode both ways and keep the one that reads as text.
    /// </summary>
    static bool ReadsAsUtf16Text(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        if (bytes.Length < 4 || bytes.Length % 2 != 0) return false;
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        var little = TextShare(sample, new UnicodeEncoding(false, false, false));
        var big = TextShare(sample, new UnicodeEncoding(true, false, false));
        bigEndian = big > little;
        return Math.Max(little, big) >= 0.9;
    }

    /// <summary>The share of characters typical of a report: ASCII text, CJK, CJK and full-width punctuation.</summary>
    static double TextShare(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var text = encoding.GetString(bytes);
        if (text.Length == 0) return 0;
        var plausible = 0;
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~' or '\n' or '\r' or '\t' or '\f' or >= '\u00A0' and <= '\u00FF'
                or >= '\u2000' and <= '\u257F' or >= '\u3000' and <= '\u9FFF' or >= '\uFF00' and <= '\uFFEF')
                plausible++;
        }
        return (double)plausible / text.Length;
    }

    /// <summary>True when the bytes are valid UTF-8 except for an incomplete sequence at the very end.</summary>
    static bool EndsInsideUtf8Character(ReadOnlySpan<byte> bytes)
    {
        for (var cut = 1; cut <= 3 && cut < bytes.Length; cut++)
        {
            var lead = bytes[^cut];
            if ((lead & 0xC0) == 0x80) continue; // continuation byte: look further back
            var need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (need <= cut) return false;
            try { _ = new UTF8Encoding(false, true).GetString(bytes[..^cut]); return true; }
            catch (DecoderFallbackException) { return false; }
        }
        return false;
    }
}
