using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace PerfEval.Etl.Extract;

/// <summary>Bytes in, <see cref="ReportExtract"/> out: decode, then parse. Pure: no files, no database.</summary>
public static class Extractor
{
    /// <summary>Bump when a rule changes what is extracted: the next load re-extracts (backfills) every document.</summary>
    public const string Version = "1.2.1";

    /// <summary>No single document may take longer than this to parse.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The rules call about 40 patterns through <see cref="Regex"/>'s static methods, whose cache keeps 15 by default:
    /// every document parsed them again (the parser's code showed among the methods the JIT kept compiling). With room
    /// for all of them one thread extracts 1,420 documents/s instead of 1,240 (3,000 generated reports, after a warm-up).
    /// Moving those calls to <c>[GeneratedRegex]</c>, as most rules already are, would make this unnecessary.
    /// </summary>
    const int RegexCacheSize = 128;

    static Extractor()
    {
        if (Regex.CacheSize < RegexCacheSize) Regex.CacheSize = RegexCacheSize;
    }

    public static ReportExtract Extract(ReadOnlySpan<byte> bytes, string source)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var decoded = TextDecoder.Decode(bytes);
        if (!decoded.IsOk) return ReportExtract.Rejected(source, sha, decoded.Error!, decoded.Encoding);
        var extract = ExtractText(decoded.Text!, source);
        extract.Sha256 = sha;
        extract.Encoding = decoded.Encoding;
        return extract;
    }

    /// <summary>Parses already-decoded text; never throws, never runs past <see cref="TimeBound"/>.</summary>
    public static ReportExtract ExtractText(string text, string source)
    {
        var deadline = Stopwatch.StartNew();
        try
        {
            var extract = ReportParser.Parse(text, new ParseBudget(deadline, TimeBound));
            extract.Source = source;
            return extract;
        }
        catch (Exception e) when (e is RegexMatchTimeoutException or ParseTimeoutException)
        {
            return ReportExtract.Rejected(source, null, $"extraction took longer than {TimeBound.TotalSeconds:0} s and was stopped");
        }
        catch (Exception e)
        {
            // A parser bug must not take the run down: the document is rejected with the reason.
            return ReportExtract.Rejected(source, null, $"extractor error: {e.GetType().Name}: {e.Message}");
        }
    }
}

/// <summary>The time a parse may still take; rules call <see cref="Check"/> in their loops.</summary>
public sealed class ParseBudget(Stopwatch clock, TimeSpan limit)
{
    public static ParseBudget Unlimited => new(Stopwatch.StartNew(), TimeSpan.MaxValue);

    public void Check()
    {
        if (clock.Elapsed > limit) throw new ParseTimeoutException();
    }
}

/// <summary>Thrown when a parse exceeds its <see cref="ParseBudget"/>.</summary>
public sealed class ParseTimeoutException : Exception
{
    public ParseTimeoutException() : base("parse time bound exceeded") { }
    public ParseTimeoutException(string message) : base(message) { }
    public ParseTimeoutException(string message, Exception inner) : base(message, inner) { }
}
