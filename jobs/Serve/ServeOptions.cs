namespace PerfEval.Jobs.Serve;

/// <summary>Where the Hangfire schedule, queue and history live.</summary>
public enum StorageKind
{
    /// <summary>In the process: a single machine, lost on restart.</summary>
    Memory,

    /// <summary>In PostgreSQL (schema <c>hangfire</c>): survives restarts, shared by every server.</summary>
    Postgres,
}

/// <summary>The options of <c>perfeval serve</c>, defaults applied.</summary>
public sealed record ServeOptions
{
    public const string DefaultCron = "0 2 * * *";
    public const string DefaultTimeZone = "Asia/Shanghai";
    public const string DefaultSource = "samples";
    public const string DefaultWarehouse = "data/warehouse.duckdb";
    public const string DefaultExports = "exports";
    public const string DefaultDashboard = "http://127.0.0.1:5080";
    public const string PostgresVariable = "PERFEVAL_POSTGRES";

    public StorageKind Storage { get; init; } = StorageKind.Memory;

    /// <summary>Npgsql connection string; required for <see cref="StorageKind.Postgres"/>. Never print it: see <see cref="ConnectionStrings.Mask"/>.</summary>
    public string? Postgres { get; init; }

    public string Cron { get; init; } = DefaultCron;
    public string TimeZone { get; init; } = DefaultTimeZone;
    public IReadOnlyList<string> Sources { get; init; } = [DefaultSource];
    public string Warehouse { get; init; } = DefaultWarehouse;
    public string Exports { get; init; } = DefaultExports;
    public string Dashboard { get; init; } = DefaultDashboard;

    /// <summary>Trigger the job now, wait for it, report and exit instead of serving.</summary>
    public bool Once { get; init; }

    /// <summary>The storage when none is named: PostgreSQL when a connection string is given, memory otherwise.</summary>
    public static StorageKind DefaultStorage(string? postgres) =>
        string.IsNullOrWhiteSpace(postgres) ? StorageKind.Memory : StorageKind.Postgres;
}
