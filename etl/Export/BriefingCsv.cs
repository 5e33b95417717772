using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace PerfEval.Etl.Export;

/// <summary>
/// How the briefing CSVs are written: UTF-8 with BOM (Excel on a Chinese desktop), RFC 4180
/// quoting with CRLF, invariant culture, and formula injection escaped, except that a plain
/// number such as <c>-3.5</c> stays a number.
/// </summary>
public static class BriefingCsv
{
    /// <summary>UTF-8 with a byte-order mark.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static CsvConfiguration Configuration() => new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
    };

    /// <summary>Writes the header and one row per record with <typeparamref name="TMap"/>.</summary>
    public static void Write<T, TMap>(TextWriter writer, IEnumerable<T> records) where TMap : ClassMap<T>
    {
        using var csv = new NumberSafeCsvWriter(writer, Configuration());
        csv.Context.RegisterClassMap<TMap>();
        csv.WriteRecords(records);
    }

    /// <summary>Writes <paramref name="path"/> (replacing it) as UTF-8 with BOM.</summary>
    public static void WriteFile<T, TMap>(string path, IEnumerable<T> records) where TMap : ClassMap<T>
    {
        // Large buffers: the default 4 KB one turns a 10 MB file into thousands of write calls.
        using var writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), Encoding, 1 << 16);
        Write<T, TMap>(writer, records);
    }

    /// <summary>
    /// <see cref="InjectionOptions.Escape"/> prefixes every field starting with <c>-</c>, so <c>-0.28</c>
    /// would open in Excel as the text <c>'-0.28</c>. A field that is only a number cannot run as a
    /// formula, so it is written as it is; everything else is escaped as usual.
    /// </summary>
    sealed class NumberSafeCsvWriter(TextWriter writer, CsvConfiguration configuration) : CsvWriter(writer, configuration)
    {
        protected override string? SanitizeForInjection(string? field) =>
            field is not null && IsPlainNumber(field) ? field : base.SanitizeForInjection(field);
    }

    static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary><c>-3.5</c>, <c>12</c>, <c>0.06</c>: an optional minus, digits, an optional fraction; nothing else.</summary>
    public static bool IsPlainNumber(string field)
    {
        var digits = field.AsSpan(field.StartsWith('-') ? 1 : 0);
        if (digits.IsEmpty) return false;
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? "" : digits[(dot + 1)..];
        return !whole.IsEmpty && !whole.ContainsAnyExcept(Digits) && (dot < 0 || (!fraction.IsEmpty && !fraction.ContainsAnyExcept(Digits)));
    }
}
