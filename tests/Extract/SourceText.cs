using System.Text;
using System.Text.RegularExpressions;

namespace PerfEval.Tests.Extract;

/// <summary>
/// The text a reader of a file sees, decoded independently of the code under test (a port of
/// score_extract.py's <c>decode</c>): BOMs first, then strict UTF-8, then strict GB18030.
/// </summary>
public static partial class SourceText
{
    static SourceText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030Strict = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static string? Decode(byte[] raw)
    {
        var span = raw.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new UTF8Encoding(false, false).GetString(span[3..]);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new UnicodeEncoding(false, false, false).GetString(span[2..]);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new UnicodeEncoding(true, false, false).GetString(span[2..]);
        try { return new UTF8Encoding(false, true).GetString(raw); }
        catch (DecoderFallbackException) { }
        try { return Gb18030Strict.GetString(raw); }
        catch (DecoderFallbackException) { }
        return null;
    }

    public static Encoding Gb18030Strict { get; }

    /// <summary>Lines as evidence counts them (1-based in evidence, split on CRLF, CR or LF).</summary>
    public static string[] Lines(string text) => LineBreak().Split(text);

    /// <summary>The samples/ folder and golden file copied next to the test assembly.</summary>
    public static string SamplesDir => Path.Combine(AppContext.BaseDirectory, "samples");

    public static string GoldenPath => Path.Combine(AppContext.BaseDirectory, "golden", "seeds.expected.json");

    /// <summary>A file of the shared folder (golden file, score tool): $PERFEVAL_SHARED, else a <c>shared/</c> above the tests.</summary>
    public static string? SharedFile(string relative)
    {
        var env = Environment.GetEnvironmentVariable("PERFEVAL_SHARED");
        if (!string.IsNullOrEmpty(env)) return File.Exists(Path.Combine(env, relative)) ? Path.GetFullPath(Path.Combine(env, relative)) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex LineBreak();
}
