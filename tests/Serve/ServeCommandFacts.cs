using System.CommandLine;
using PerfEval.Jobs.Commands;
using PerfEval.Jobs.Serve;

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

    [Theory]
    [InlineData("--extract-batch-size", "500")]
    [InlineData("--extract-only")]
    public void FanOut_WithMemoryStorage_ExitsTwo(string option, string? value = null)
    {
        var (exitCode, _, error) = Invoke([.. OnceArgs(folder).Where(a => a != "--once"), option, .. value is null ? Array.Empty<string>() : [value]]);

        exitCode.ShouldBe(2);
        error.ShouldContain($"{option} needs --storage postgres");
    }

    [Theory]
    [InlineData("--extract-batch-size=-1", "--extract-batch-size must be")]
    [InlineData("--workers=0", "--workers must be")]
    [InlineData("--extract-batch-size=500 --workers=1", "--workers 2 or more")]
    [InlineData("--extract-only --once", "--extract-only runs no load")]
    [InlineData("--extract-only --extract-batch-size=500", "--extract-only runs no load")]
    public void FanOut_ConflictingOptions_ExitTwoBeforeConnecting(string options, string message)
    {
        // Nothing listens here: the options are refused before any connection is tried.
        var (exitCode, _, error) = Invoke(["--storage", "postgres", "--postgres", "Host=127.0.0.1;Port=1;Timeout=1", .. options.Split(' ')]);

        exitCode.ShouldBe(2);
        error.ShouldContain(message);
    }

    [Fact]
    public void Workers_Default_LeaveOneForTheWaitingLoad()
    {
        new ServeOptions().WorkerCount.ShouldBe(2);
        new ServeOptions { ExtractBatchSize = 500 }.WorkerCount.ShouldBe(Math.Max(2, Environment.ProcessorCount + 1));
        new ServeOptions { ExtractOnly = true }.WorkerCount.ShouldBe(Math.Max(2, Environment.ProcessorCount));
        new ServeOptions { ExtractBatchSize = 500, Workers = 3 }.WorkerCount.ShouldBe(3);
        new ServeOptions().Queues.ShouldBe(["default", "extract"]);
        new ServeOptions { ExtractOnly = true }.Queues.ShouldBe(["extract"]);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
