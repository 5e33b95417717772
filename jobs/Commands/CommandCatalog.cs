using System.CommandLine;

namespace PerfEval.Jobs.Commands;

/// <summary>Every <c>perfeval</c> command, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return ExtractCommand.Create();
        yield return ServeCommand.Create();
    }
}
