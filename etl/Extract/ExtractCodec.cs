using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfEval.Etl.Extract;

/// <summary>
/// An extract as bytes and back, losslessly, so an extract made on one server can be loaded by another
/// (the spool of <c>perfeval serve</c>'s fan-out). The bytes are one format byte, then the compact
/// <c>perfeval.extract/1</c> JSON of <see cref="ExtractJson"/>, Brotli-compressed. Decimals keep their
/// scale (<c>100.00</c> stays <c>100.00</c>) because JSON carries them as written.
/// </summary>
public static class ExtractCodec
{
    /// <summary>The first byte of every encoded extract; a reader refuses any other.</summary>
    public const byte Format = 1;

    static readonly JsonSerializerOptions Options = new(ExtractJson.Options)
    {
        WriteIndented = false,
        Converters = { new WellFormedText() },
    };

    /// <summary>
    /// Encodes <paramref name="extract"/>. Throws <see cref="ArgumentException"/> when a text holds a lone surrogate,
    /// which UTF-8 JSON would silently turn into U+FFFD: such an extract is not encoded rather than encoded wrong.
    /// </summary>
    public static byte[] Encode(ReportExtract extract)
    {
        ArgumentNullException.ThrowIfNull(extract);
        using var buffer = new MemoryStream();
        buffer.WriteByte(Format);
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(brotli, extract, Options);
        return buffer.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> made; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static ReportExtract Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes[0] != Format)
            throw new InvalidDataException($"not an encoded extract (format byte {(bytes.IsEmpty ? "missing" : bytes[0].ToString())}, expected {Format})");
        using var compressed = new MemoryStream(bytes[1..].ToArray(), writable: false);
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        try
        {
            return JsonSerializer.Deserialize<ReportExtract>(brotli, Options)
                ?? throw new InvalidDataException("the encoded extract is JSON null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the encoded extract is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes strings as the default converter does, but refuses text UTF-8 cannot carry.</summary>
    sealed class WellFormedText : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(Checked(value));

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(Checked(value));

        static string Checked(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (!char.IsSurrogate(value[i])) continue;
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                throw new ArgumentException($"a text of {value.Length} characters has a lone surrogate at {i}: UTF-8 cannot carry it");
            }
            return value;
        }
    }
}
