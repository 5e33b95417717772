namespace PerfEval.Etl.Sources;

/// <summary>Lists report documents in files and folders (recursively), in a stable order.</summary>
public static class FolderSource
{
    /// <summary>File patterns a folder search picks up; a named file is always taken.</summary>
    public static readonly string[] Patterns = ["*.txt", "*.text", "*.htm", "*.html"];

    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) { files.Add(path); continue; }
            if (!Directory.Exists(path)) continue;
            var found = Patterns
                .SelectMany(p => Directory.EnumerateFiles(path, p, new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive }))
                .Distinct()
                .Order(StringComparer.Ordinal);
            files.AddRange(found);
        }
        return files;
    }
}
