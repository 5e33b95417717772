using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PerfEval.Tests.Serve;

/// <summary>An operator's typo or a stopped database must fail <c>serve</c> at once, readably, without the password.</summary>
public sealed class UnreachablePostgresFacts : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("perfeval-serve-unreachable-").FullName;

    [Fact]
    public void Once_NothingListening_ExitsOneWithReasonAndNoPassword()
    {
        var port = FreePort();
        var (exitCode, output, error) = ServeCommandFacts.Invoke(
            ["--storage", "postgres", "--postgres", $"Host=127.0.0.1;Port={port};Username=perfeval;Password=s3cret-Pa55;Database=perfeval", .. ServeCommandFacts.OnceArgs(folder)]);

        exitCode.ShouldBe(1);
        error.ShouldContain($"cannot reach PostgreSQL at 127.0.0.1:{port}");
        (output + error).ShouldNotContain("s3cret-Pa55");
    }

    [Fact]
    public void Once_ServerThatNeverAnswers_GivesUpWithinSeconds()
    {
        // A socket that accepts and then says nothing: the worst case for a client.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        var (exitCode, _, error) = ServeCommandFacts.Invoke(
            ["--storage", "postgres", "--postgres", $"Host=127.0.0.1;Port={port};Username=perfeval;Password=x;Database=perfeval", .. ServeCommandFacts.OnceArgs(folder)]);

        exitCode.ShouldBe(1);
        error.ShouldContain("cannot reach PostgreSQL");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
