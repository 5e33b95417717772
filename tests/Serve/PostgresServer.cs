using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PerfEval.Tests.Serve;

/// <summary>
/// A throwaway PostgreSQL server started from the installed binaries (<c>/usr/lib/postgresql/*/bin</c>), shared by
/// the <c>Postgres</c> collection and removed afterwards. As root it runs as the <c>postgres</c> user, since initdb
/// refuses root. Without binaries the tests skip, except under <c>CI=true</c>, where they fail.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    const string Root = "/usr/lib/postgresql";
    readonly string? bin;
    readonly string? dataDir;
    readonly bool asPostgresUser;
    int databases;

    public PostgresServer()
    {
        bin = FindBin();
        if (bin is null)
        {
            Unavailable = $"no PostgreSQL server binaries under {Root}/*/bin (install them: apt-get install -y postgresql)";
            return;
        }
        asPostgresUser = Environment.UserName == "root";
        dataDir = Directory.CreateTempSubdirectory("perfeval-pg-").FullName;
        if (asPostgresUser) Run("chown", ["postgres:postgres", dataDir]);
        Port = FreePort();
        Pg("initdb", ["-D", dataDir, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
        Pg("pg_ctl", ["-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {dataDir} -c fsync=off", "start"]);
    }

    /// <summary>Why there is no server (then <see cref="Require"/> skips or fails); null when it runs.</summary>
    public string? Unavailable { get; }

    public int Port { get; }

    /// <summary>Skips the calling test when there are no binaries; under <c>CI=true</c> fails it instead.</summary>
    public void Require()
    {
        if (Unavailable is null) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"CI=true but the PostgreSQL tests cannot run: {Unavailable}");
        Skip.If(true, $"PostgreSQL tests skipped: {Unavailable}");
    }

    /// <summary>A new empty database, so each test has its own <c>hangfire</c> schema; returns its connection string.</summary>
    public string CreateDatabase()
    {
        Require();
        var name = $"perfeval_test_{Interlocked.Increment(ref databases)}";
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false }.ConnectionString;

    public void Dispose()
    {
        if (bin is null || dataDir is null) return;
        try { Pg("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]); }
        catch (InvalidOperationException) { /* already gone */ }
        Directory.Delete(dataDir, recursive: true);
    }

    static string? FindBin() => Directory.Exists(Root)
        ? Directory.GetDirectories(Root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    void Pg(string tool, IEnumerable<string> args)
    {
        var path = Path.Combine(bin!, tool);
        if (asPostgresUser) Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else Run(path, args);
    }

    static void Run(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {stderr}{stdout.Result}");
    }
}

/// <summary>The tests that share one <see cref="PostgresServer"/> (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "Postgres";
}
