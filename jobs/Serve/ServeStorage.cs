using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace PerfEval.Jobs.Serve;

/// <summary>Builds the Hangfire storage that <c>perfeval serve</c> was asked for.</summary>
public static class ServeStorage
{
    public const string SchemaName = "hangfire";

    static readonly Lock ConfigureLock = new();
    static bool configured;

    /// <summary>The serializer settings every server and client of the schedule must share (process-wide, idempotent).</summary>
    public static void ConfigureSerialization()
    {
        lock (ConfigureLock)
        {
            if (configured) return;
            GlobalConfiguration.Configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            configured = true;
        }
    }

    /// <summary>The storage options: schema <c>hangfire</c>; a sliding invisibility timeout, so a job that runs
    /// longer than the timeout is never handed to a second server while its server is alive; a lock timeout
    /// longer than <see cref="NightlyLoadJob.MaxLoadDuration"/>, so no waiting load can take over a running load's lock.</summary>
    public static PostgreSqlStorageOptions PostgresOptions() => new()
    {
        SchemaName = SchemaName,
        PrepareSchemaIfNecessary = true,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
        DistributedLockTimeout = NightlyLoadJob.MaxLoadDuration + TimeSpan.FromMinutes(10),
        QueuePollInterval = TimeSpan.FromSeconds(5),
    };

    public static JobStorage Create(ServeOptions options)
    {
        ConfigureSerialization();
        return options.Storage switch
        {
            StorageKind.Postgres => CreatePostgres(options.Postgres
                ?? throw new ArgumentException($"PostgreSQL storage needs --postgres or {ServeOptions.PostgresVariable}.")),
            _ => new InMemoryStorage(),
        };
    }

    /// <summary>
    /// Opens one connection before Hangfire does, with a short timeout, so an unreachable or misconfigured
    /// PostgreSQL fails the command at once with a readable reason instead of leaving it waiting.
    /// </summary>
    public static async Task ProbePostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Timeout is 0 or > 10) builder.Timeout = 10;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(builder.Timeout + 2));
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(timeout.Token);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database {builder.Database ?? "postgres"}): {e.GetBaseException().Message}", e);
        }
    }

    public static PostgreSqlStorage CreatePostgres(string connectionString)
    {
        ConfigureSerialization();
        var storageOptions = PostgresOptions();
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }

    /// <summary>What the logs say about the storage: kind and masked connection string.</summary>
    public static string Describe(ServeOptions options) => options.Storage == StorageKind.Postgres
        ? $"postgres ({ConnectionStrings.Mask(options.Postgres)}, schema {SchemaName})"
        : "memory (this process only; the schedule and history are lost on exit)";
}
