using System.Security.Cryptography;
using PerfEval.Etl.Extract;

namespace PerfEval.Etl.Sources;

/// <summary>
/// One report file's bytes and identity: the SHA-256 of exactly those bytes. A file over the size cap
/// keeps its identity and size but not its bytes (<see cref="Bytes"/> is null), so it is refused
/// without ever being held in memory.
/// </summary>
public sealed record SourceDocument(string Path, byte[]? Bytes, string Sha256, long SizeBytes)
{
    public SourceDocument(string path, byte[] bytes, string sha256) : this(path, bytes, sha256, bytes.LongLength) { }

    /// <summary>Whether the file was over the cap and its bytes were not read.</summary>
    public bool IsTooLarge => Bytes is null;

    /// <summary>Reads a file of at most <see cref="TextDecoder.MaxBytes"/>; a larger one is only hashed, in a stream.</summary>
    public static Task<SourceDocument> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAsync(path, TextDecoder.MaxBytes, cancellationToken);

    public static async Task<SourceDocument> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (stream.Length > maxBytes)
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            return new SourceDocument(path, null, Convert.ToHexStringLower(hash), stream.Position);
        }
        // A file that changes while it is read gives the bytes it had when opened, never more than the cap.
        var buffer = new byte[stream.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0) break;
            read += n;
        }
        var bytes = read == buffer.Length ? buffer : buffer[..read];
        return new SourceDocument(path, bytes, Sha256Of(bytes));
    }

    /// <summary>Lower-case hex, as <c>perfeval extract</c> prints it.</summary>
    public static string Sha256Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
