using System.CommandLine;
using PerfEval.Jobs.Commands;

namespace PerfEval.Tests.Serve;

/// <summary><c>perfeval serve</c> invoked in process, as the command line does.</summary>
public sealed class ServeCommandFacts : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("perfeval-serve-cmd-").FullName;

    internal static (int ExitCode, string Output, string Error) Invoke(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = ServeCommand.Create(environment ?? (_ => null)).Parse(args)
            .Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    internal static string[] OnceArgs(string folder) =>
    [
        "--once",
        "--source", Path.Combine(AppContext.BaseDirectory, "samples"),
        "--warehouse", Path.Combine(folder, "warehouse.duckdb"),
        "--exports", Path.Combine(folder, "exports"),
    ];

    [Fact]
    public void Once_WithMemoryStorage_ExitsZeroAndPrintsTheRunSummary()
    {
        var (exitCode, output, error) = Invoke(OnceArgs(folder));

        exitCode.ShouldBe(0, error + output);
        output.ShouldContain("storage memory");
        output.ShouldContain("nightly-load at '0 2 * * *' (Asia/Shanghai)");
        var lines = output.Split('\n', StringSplitOptions.TrimEntries).ToList();
        var final = lines.IndexOf("final state: Succeeded");
        final.ShouldBeGreaterThanOrEqualTo(0, output);
        lines[final + 1].ShouldNotBeEmpty("the run summary follows the final state");
    }

    [Fact]
    public void Storage_PostgresWithoutConnection_ExitsTwo()
    {
        var (exitCode, _, error) = Invoke(["--storage", "postgres", "--once"]);

        exitCode.ShouldBe(2);
        error.ShouldContain("PERFEVAL_POSTGRES");
    }

    [Fact]
    public void TimeZone_Unknown_ExitsTwo()
    {
        var (exitCode, _, error) = Invoke([.. OnceArgs(folder), "--time-zone", "Mars/Olympus_Mons"]);

        exitCode.ShouldBe(2);
        error.ShouldContain("Mars/Olympus_Mons");
    }

    [Fact]
    public void Cron_Invalid_ExitsTwo()
    {
        var (exitCode, _, error) = Invoke([.. OnceArgs(folder), "--cron", "every night"]);

        exitCode.ShouldBe(2);
        error.ShouldNotBeEmpty();
    }

    [Fact]
    public void Storage_Unknown_IsAUsageError()
    {
        Invoke(["--storage", "redis"]).ExitCode.ShouldNotBe(0);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
