using System.Security.Cryptography;

namespace PerfEval.Etl.Sources;

/// <summary>One report file's bytes and identity: the SHA-256 of exactly those bytes.</summary>
public sealed record SourceDocument(string Path, byte[] Bytes, string Sha256)
{
    public static async Task<SourceDocument> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return new SourceDocument(path, bytes, Sha256Of(bytes));
    }

    /// <summary>Lower-case hex, as <c>perfeval extract</c> prints it.</summary>
    public static string Sha256Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
