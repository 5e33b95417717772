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

    /// <summary>Files per extraction batch when <c>nightly-load</c> fans extraction out to the servers; 0 extracts in the load itself.</summary>
    public int ExtractBatchSize { get; init; }

    /// <summary>Hangfire workers of this server; null for <see cref="DefaultWorkers"/>.</summary>
    public int? Workers { get; init; }

    /// <summary>Only run extraction batches (queue <c>extract</c>): no schedule, no load, no dashboard.</summary>
    public bool ExtractOnly { get; init; }

    /// <summary>Whether <c>nightly-load</c> on this server fans extraction out.</summary>
    public bool FansOut => ExtractBatchSize > 0;

    /// <summary>
    /// 2 for a server that only loads (loads never overlap); with extraction batches, one per core, plus one
    /// for the load that waits for them.
    /// </summary>
    public int DefaultWorkers => ExtractOnly ? Math.Max(2, Environment.ProcessorCount)
        : FansOut ? Math.Max(2, Environment.ProcessorCount + 1)
        : 2;

    public int WorkerCount => Workers ?? DefaultWorkers;

    /// <summary>The queues this server takes jobs from, in order: loads first.</summary>
    public string[] Queues => ExtractOnly ? [FanOut.ExtractBatchJob.QueueName] : ["default", FanOut.ExtractBatchJob.QueueName];

    /// <summary>Throws <see cref="ArgumentException"/> for options that do not go together.</summary>
    public void Validate()
    {
        if (ExtractBatchSize < 0) throw new ArgumentException("--extract-batch-size must be 0 (no fan-out) or more.");
        if (Workers is < 1) throw new ArgumentException("--workers must be 1 or more.");
        if ((FansOut || ExtractOnly) && Storage != StorageKind.Postgres)
            throw new ArgumentException($"{(ExtractOnly ? "--extract-only" : "--extract-batch-size")} needs --storage postgres: the batches' extracts are spooled in PostgreSQL, and other servers reach the batches only there.");
        if (FansOut && WorkerCount < 2)
            throw new ArgumentException("--extract-batch-size needs --workers 2 or more: the load holds one worker while it waits for the batches.");
        if (ExtractOnly && (Once || FansOut))
            throw new ArgumentException($"--extract-only runs no load, so {(Once ? "--once" : "--extract-batch-size")} does not go with it.");
    }

    /// <summary>The storage when none is named: PostgreSQL when a connection string is given, memory otherwise.</summary>
    public static StorageKind DefaultStorage(string? postgres) =>
        string.IsNullOrWhiteSpace(postgres) ? StorageKind.Memory : StorageKind.Postgres;
}
