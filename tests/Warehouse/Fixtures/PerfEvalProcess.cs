using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace PerfEval.Tests.Warehouse.Fixtures;

/// <summary>
/// The built <c>perfeval</c> command running as a child process (<c>dotnet perfeval.dll …</c>, from the test
/// output folder), so a test can run loads and queries side by side, watch progress on stderr, and kill one
/// with SIGKILL at a chosen point.
/// </summary>
internal sealed class PerfEvalProcess : IDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();
    readonly ConcurrentQueue<string> errorLines = new();
    readonly TaskCompletionSource outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Stopwatch clock = Stopwatch.StartNew();

    PerfEvalProcess(IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) outputClosed.TrySetResult();
            else lock (output) output.AppendLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) errorClosed.TrySetResult();
            else errorLines.Enqueue(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>perfeval.dll beside the test assembly (the test project references the jobs project).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "perfeval.dll");

    public static PerfEvalProcess Start(IReadOnlyList<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null) =>
        new(args, workingDirectory ?? AppContext.BaseDirectory, environment);

    public int Id => process.Id;
    public bool HasExited => process.HasExited;
    public TimeSpan Elapsed => clock.Elapsed;

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public string Error => string.Join('\n', errorLines);

    /// <summary>Waits for a stderr line that contains <paramref name="text"/>; false when the process exits first or time runs out.</summary>
    public async Task<bool> WaitForErrorLineAsync(string text, TimeSpan timeout)
    {
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < timeout)
        {
            if (errorLines.Any(l => l.Contains(text, StringComparison.Ordinal))) return true;
            if (process.HasExited && errorClosed.Task.IsCompleted) return errorLines.Any(l => l.Contains(text, StringComparison.Ordinal));
            await Task.Delay(10);
        }
        return false;
    }

    /// <summary>Waits until the process has <paramref name="path"/> open (Linux: /proc/PID/fd), e.g. a query holding the warehouse.</summary>
    public async Task<bool> WaitForOpenFileAsync(string path, TimeSpan timeout)
    {
        var limit = Stopwatch.StartNew();
        var full = Path.GetFullPath(path);
        while (limit.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{process.Id}/fd"))
                    if (new FileInfo(fd).LinkTarget == full) return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* an fd closed while listing */ }
            await Task.Delay(20);
        }
        return false;
    }

    /// <summary>Waits for the exit and for all output; returns the exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"perfeval did not finish within {timeout.TotalSeconds:0} s\nstdout:\n{Output}\nstderr:\n{Error}");
        }
        await Task.WhenAll(outputClosed.Task, errorClosed.Task).WaitAsync(TimeSpan.FromSeconds(10));
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no finally blocks, no rollback, no flush: a power cut as far as the process can tell.</summary>
    public void Kill()
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already exited */ }
        process.WaitForExit();
    }

    /// <summary>Runs to the end and returns (exit code, stdout, stderr).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<string> args, TimeSpan? timeout = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var child = Start(args, workingDirectory, environment);
        var code = await child.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return (code, child.Output, child.Error);
    }

    static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}
