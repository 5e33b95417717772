using System.CommandLine;

namespace PerfEval.Jobs.Commands;

/// <summary>Every <c>perfeval</c> command, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return RunCommand.Create();
        yield return ExtractCommand.Create();
        yield return QueryCommand.Create();
        yield return CompareCommand.Create();
        yield return ExportCommand.Create();
        yield return RunsCommand.Create();
        yield return ServeCommand.Create();
    }
}
