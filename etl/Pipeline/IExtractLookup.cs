using PerfEval.Etl.Extract;

namespace PerfEval.Etl.Pipeline;

/// <summary>
/// Extracts made ahead of the load, elsewhere (the extraction batches of <c>perfeval serve</c>'s fan-out), found by
/// the SHA-256 of a file's bytes and the extractor version. The load takes such an extract instead of parsing the file;
/// when there is none it parses the file itself, so an extract that never arrived cannot lose a document.
/// </summary>
public interface IExtractLookup
{
    /// <summary>
    /// The extract of the bytes with <paramref name="sha256"/> made by <paramref name="extractorVersion"/>, or null to
    /// extract them here. Called by several extraction workers at once. An exception fails the load, so an
    /// implementation whose store is merely unavailable returns null instead.
    /// </summary>
    ValueTask<ReportExtract?> FindAsync(string sha256, string extractorVersion, CancellationToken cancellationToken);
}
