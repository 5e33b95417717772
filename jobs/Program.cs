using System.CommandLine;
using System.Text;
using PerfEval.Jobs.Commands;

Console.OutputEncoding = new UTF8Encoding(false);

var root = new RootCommand("""
    perfeval: the performance self-evaluation (绩效自评报告) warehouse.
    Extracts every score, budget, deduction, indicator and problem from report
    extracts, with the sentence each figure came from, and loads them into a
    DuckDB star schema for cross-district comparison.
    """);
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
return root.Parse(args).Invoke();
