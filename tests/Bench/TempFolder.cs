namespace PerfEval.Tests.Bench;

/// <summary>A folder of its own under the system's temp folder, deleted with everything in it when disposed.</summary>
internal sealed class TempFolder(string prefix) : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
