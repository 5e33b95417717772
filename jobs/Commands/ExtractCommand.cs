using System.CommandLine;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Sources;
using Spectre.Console;

namespace PerfEval.Jobs.Commands;

/// <summary><c>perfeval extract FILE|DIR... [--json]</c>: extraction only, no database.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Report files, or folders to search recursively for *.txt reports.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the perfeval.extract/1 JSON array (shared/contract/EXTRACT.md) instead of a summary table." };
        var showText = new Option<bool>("--show-text") { Description = "Print the normalised paragraphs the rules read (line breaks joined, page markers dropped), to see why a figure was or was not found." };
        var command = new Command("extract", """
            Extract the figures of report files without touching any database.
            Each file becomes one object: report kind, department, evaluated year, score
            (total, grade, parts), budget (initial, budget, spent, execution and adjustment
            rate), deductions, indicators, projects, problems and measures, with evidence
            (line and exact quote) for every score and budget figure. Unreadable files become
            objects with "status": "rejected" and a reason. Exit code 0 when every file
            produced an object, 2 for usage errors (e.g. a path that does not exist).

            Examples:
              perfeval extract samples --json > out.json
              perfeval extract samples/000_9bdcc67d3a027431.txt
            """)
        {
            paths, json, showText,
        };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(json), parse.GetValue(showText)));
        return command;
    }

    static int Run(string[] paths, bool json, bool showText)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"perfeval extract: no such file or folder: {string.Join(", ", missing)}");
            return 2;
        }
        var files = FolderSource.Expand(paths);
        if (showText)
        {
            foreach (var file in files)
            {
                var source = SourceDocument.ReadAsync(file).GetAwaiter().GetResult();
                var decoded = source.Bytes is { } bytes ? TextDecoder.Decode(bytes) : new DecodedText(null, null, TextDecoder.TooLarge(source.SizeBytes));
                Console.Out.WriteLine($"== {file} ({decoded.Encoding ?? decoded.Error})");
                if (decoded.Text is not null) Console.Out.WriteLine(PerfEval.Etl.Extract.Text.ReportText.Parse(decoded.Text).Flow);
            }
            return 0;
        }
        var extracts = new ReportExtract[files.Count];
        Parallel.For(0, files.Count, i => extracts[i] = ExtractFile(files[i]));
        if (json)
        {
            Console.Out.Write(ExtractJson.Serialize(extracts));
            Console.Out.WriteLine();
            return 0;
        }
        var table = new Table().AddColumns("file", "status", "kind", "department", "year", "score", "budget 万元", "spent 万元", "执行率 %", "warnings");
        foreach (var e in extracts)
        {
            table.AddRow(
                Markup.Escape(Path.GetFileName(e.Source)), e.Status, e.ReportKind ?? "", Markup.Escape(e.Department?.Name ?? e.Error ?? ""),
                e.Year?.ToString() ?? "", Num(e.Score.Total), Num(e.Budget.BudgetWan), Num(e.Budget.SpentWan), Num(e.Budget.ExecutionRatePct),
                e.Warnings.Count.ToString());
        }
        // Piped output is read as a file: never wrap a long (Chinese) file name to a terminal's width.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 4000;
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>A file over the size cap is refused without being read into memory, as <c>perfeval run</c> does.</summary>
    static ReportExtract ExtractFile(string path)
    {
        try
        {
            var source = SourceDocument.ReadAsync(path).GetAwaiter().GetResult();
            return source.Bytes is { } bytes
                ? Extractor.Extract(bytes, path)
                : ReportExtract.Rejected(path, source.Sha256, TextDecoder.TooLarge(source.SizeBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReportExtract.Rejected(path, null, $"cannot read the file: {e.Message}");
        }
    }

    static string Num(decimal? d) => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
