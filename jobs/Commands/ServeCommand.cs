using System.CommandLine;
using PerfEval.Jobs.Serve;
using PerfEval.Jobs.Serve.FanOut;

namespace PerfEval.Jobs.Commands;

/// <summary><c>perfeval serve</c>: the Hangfire server with the nightly schedule and the dashboard.</summary>
internal static class ServeCommand
{
    public static Command Create(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var storage = new Option<string?>("--storage") { Description = "Where the schedule, queue and history live: postgres or memory. Default: postgres when a connection string is given, memory otherwise." };
        storage.AcceptOnlyFromAmong("postgres", "memory");
        var postgres = new Option<string?>("--postgres") { Description = $"Npgsql connection string for PostgreSQL storage (or ${ServeOptions.PostgresVariable}). Its password is never printed.", HelpName = "CONN" };
        var cron = new Option<string>("--cron") { Description = "When nightly-load runs (cron, minute precision).", DefaultValueFactory = _ => ServeOptions.DefaultCron };
        var timeZone = new Option<string>("--time-zone") { Description = "Time zone of the cron (IANA id).", DefaultValueFactory = _ => ServeOptions.DefaultTimeZone };
        var source = new Option<string[]>("--source") { Description = "Folder (or file) of reports to load; repeatable.", DefaultValueFactory = _ => [ServeOptions.DefaultSource], HelpName = "DIR" };
        var warehouse = new Option<string>("--warehouse") { Description = "The DuckDB warehouse file.", DefaultValueFactory = _ => ServeOptions.DefaultWarehouse, HelpName = "FILE" };
        var exports = new Option<string>("--exports") { Description = "Folder for the CSV exports.", DefaultValueFactory = _ => ServeOptions.DefaultExports, HelpName = "DIR" };
        var dashboard = new Option<string>("--dashboard") { Description = $"URL the dashboard ({ServeHost.DashboardPath}) listens on.", DefaultValueFactory = _ => ServeOptions.DefaultDashboard, HelpName = "URL" };
        var once = new Option<bool>("--once") { Description = "Register the schedule, trigger nightly-load now, wait for it, print its final state and run summary, and exit: 0 only if it Succeeded." };
        var batchSize = new Option<int>("--extract-batch-size") { Description = $"Fan extraction out: nightly-load hands the files to extraction jobs of N files on queue {ExtractBatchJob.QueueName}, which every serve process sharing the PostgreSQL storage runs, then loads their extracts. Needs --storage postgres. 0: extract inside the load (default). Suggested: {FanOutSettings.SuggestedBatchSize}.", HelpName = "N" };
        var workers = new Option<int?>("--workers") { Description = "Jobs this server runs at once. Default: 2; with --extract-batch-size one per core plus one; with --extract-only one per core.", HelpName = "N" };
        var extractOnly = new Option<bool>("--extract-only") { Description = $"Only run extraction jobs (queue {ExtractBatchJob.QueueName}) for the servers that fan out: no schedule, no load, no dashboard. Needs --storage postgres and the inbox at the same paths." };
        var command = new Command("serve", $"""
            Run a Hangfire server that loads the warehouse on a schedule: the recurring job
            nightly-load runs the same load as `perfeval run` (retried up to {NightlyLoadJob.RetryAttempts} times, never two at
            once, across servers too). With PostgreSQL storage several serve processes share
            the schedule and the work, and with --extract-batch-size the extraction of a load
            is spread over all of them (one load still writes the warehouse). The dashboard at {ServeHost.DashboardPath} is open to local requests;
            remote requests need ${DashboardAccess.UserVariable} and ${DashboardAccess.PasswordVariable} (basic auth)
            and are read-only unless ${DashboardAccess.WriteVariable}=true. Ctrl-C or SIGTERM stops it cleanly.

            Examples:
              perfeval serve
              perfeval serve --storage postgres --postgres "Host=db;Username=perfeval;Password=..." --source /data/inbox
              perfeval serve --once --warehouse /tmp/w.duckdb
              perfeval serve --storage postgres --source /data/inbox --extract-batch-size {FanOutSettings.SuggestedBatchSize}
              perfeval serve --storage postgres --extract-only
            """)
        {
            storage, postgres, cron, timeZone, source, warehouse, exports, dashboard, once, batchSize, workers, extractOnly,
        };
        command.SetAction(parse =>
        {
            var connection = parse.GetValue(postgres) ?? environment(ServeOptions.PostgresVariable);
            if (string.IsNullOrWhiteSpace(connection)) connection = null;
            var kind = parse.GetValue(storage) switch
            {
                "postgres" => StorageKind.Postgres,
                "memory" => StorageKind.Memory,
                _ => ServeOptions.DefaultStorage(connection),
            };
            if (kind == StorageKind.Postgres && connection is null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"perfeval serve: --storage postgres needs --postgres CONN or ${ServeOptions.PostgresVariable}.");
                return 2;
            }
            var options = new ServeOptions
            {
                Storage = kind,
                Postgres = connection,
                Cron = parse.GetValue(cron)!,
                TimeZone = parse.GetValue(timeZone)!,
                Sources = parse.GetValue(source)!,
                Warehouse = parse.GetValue(warehouse)!,
                Exports = parse.GetValue(exports)!,
                Dashboard = parse.GetValue(dashboard)!,
                Once = parse.GetValue(once),
                ExtractBatchSize = parse.GetValue(batchSize),
                Workers = parse.GetValue(workers),
                ExtractOnly = parse.GetValue(extractOnly),
            };
            // Synchronous on purpose: the host's own lifetime handles Ctrl-C and SIGTERM, with time to roll back.
            return ServeHost.RunAsync(options, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)
                .GetAwaiter().GetResult();
        });
        return command;
    }
}
