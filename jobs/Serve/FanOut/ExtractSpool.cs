using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace PerfEval.Jobs.Serve.FanOut;

/// <summary>
/// The fan-out's tables in PostgreSQL (schema <c>perfeval</c>, Install.sql): the extracts batches made, keyed by
/// (sha256, extractor version), and a copy of the warehouse's document hashes so batches skip what is loaded.
/// Every write is safe to repeat, since batches are retried and may run twice.
/// </summary>
public sealed class ExtractSpool(NpgsqlDataSource dataSource) : IDisposable, IAsyncDisposable
{
    public const string SchemaName = "perfeval";

    /// <summary>Spooled extracts older than this that no load used (their file left the inbox) are purged.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    /// <summary>A spool on its own pool of connections to <paramref name="connectionString"/>.</summary>
    public static ExtractSpool Create(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    /// <summary>Creates the schema and tables when missing.</summary>
    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(ExtractSpool).Assembly.GetManifestResourceStream("perfeval/spool/Install.sql")
            ?? throw new InvalidOperationException("embedded resource perfeval/spool/Install.sql is missing");
        using var reader = new StreamReader(stream);
        await ExecuteAsync(await reader.ReadToEndAsync(cancellationToken), null, cancellationToken);
    }

    /// <summary>Replaces the copy of the warehouse's documents with <paramref name="documents"/> (binary COPY, one transaction).</summary>
    public async Task<int> ReplaceLoadedAsync(IEnumerable<(string Sha256, string ExtractorVersion)> documents, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("truncate perfeval.loaded_document", transaction: transaction, cancellationToken: cancellationToken));
        var rows = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("copy perfeval.loaded_document (sha256, extractor_version) from stdin (format binary)", cancellationToken))
        {
            foreach (var (sha256, version) in documents)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(sha256, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(version, NpgsqlDbType.Text, cancellationToken);
                rows++;
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Deletes extracts no load will take: made by another extractor version, of documents already loaded, or too old.</summary>
    public Task<int> PurgeAsync(string extractorVersion, CancellationToken cancellationToken) => ExecuteAsync(
        """
        delete from perfeval.spooled_extract s
        where s.extractor_version <> @version
           or s.spooled_at < now() - @maxAge
           or exists (select 1 from perfeval.loaded_document l where l.sha256 = s.sha256 and l.extractor_version = s.extractor_version)
        """,
        new { version = extractorVersion, maxAge = MaxAge }, cancellationToken);

    /// <summary>Which of <paramref name="hashes"/> need no extraction: loaded by this version already, or spooled.</summary>
    public async Task<HashSet<string>> DoneAsync(IReadOnlyCollection<string> hashes, string extractorVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var done = await connection.QueryAsync<string>(new CommandDefinition(
            "select sha256 from perfeval.loaded_document where extractor_version = @version and sha256 = any(@hashes) " +
            "union select sha256 from perfeval.spooled_extract where extractor_version = @version and sha256 = any(@hashes)",
            new { version = extractorVersion, hashes = hashes.ToArray() }, cancellationToken: cancellationToken));
        return done.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Spools one extract; a second copy of the same key (a retried batch) is ignored.</summary>
    public Task AddAsync(string sha256, string extractorVersion, byte[] payload, CancellationToken cancellationToken) => ExecuteAsync(
        "insert into perfeval.spooled_extract (sha256, extractor_version, payload) values (@sha256, @version, @payload) on conflict do nothing",
        new { sha256, version = extractorVersion, payload }, cancellationToken);

    /// <summary>The spooled extract's bytes, or null.</summary>
    public async Task<byte[]?> FindAsync(string sha256, string extractorVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            "select payload from perfeval.spooled_extract where sha256 = @sha256 and extractor_version = @version",
            new { sha256, version = extractorVersion }, cancellationToken: cancellationToken));
    }

    /// <summary>Deletes the extracts of <paramref name="hashes"/> (a load staged them).</summary>
    public Task<int> DeleteAsync(IReadOnlyCollection<string> hashes, string extractorVersion, CancellationToken cancellationToken) => ExecuteAsync(
        "delete from perfeval.spooled_extract where extractor_version = @version and sha256 = any(@hashes)",
        new { version = extractorVersion, hashes = hashes.ToArray() }, cancellationToken);

    /// <summary>Extracts in the spool.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from perfeval.spooled_extract", cancellationToken: cancellationToken));
    }

    async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public void Dispose() => dataSource.Dispose();

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
