using PerfEval.Etl.Pipeline;

namespace PerfEval.Jobs.Serve;

/// <summary>The seam between the nightly job and the load pipeline (tests put a failing load here).</summary>
public interface ILoadRunner
{
    Task<RunSummary> RunAsync(RunOptions options, IProgress<string>? progress, CancellationToken cancellationToken);
}

/// <summary>The real load: exactly <see cref="LoadPipeline.RunAsync"/>, as <c>perfeval run</c> does it.</summary>
public sealed class PipelineLoadRunner : ILoadRunner
{
    public Task<RunSummary> RunAsync(RunOptions options, IProgress<string>? progress, CancellationToken cancellationToken) =>
        LoadPipeline.RunAsync(options, progress, cancellationToken);
}
