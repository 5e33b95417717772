namespace PerfEval.Etl.Sources;

/// <summary>Lists report documents in files and folders (recursively), in a stable order.</summary>
public static class FolderSource
{
    /// <summary>File patterns a folder search picks up; a named file is always taken.</summary>
    public static readonly string[] Patterns = ["*.txt", "*.text", "*.htm", "*.html"];

    static readonly HashSet<string> Extensions = new(Patterns.Select(p => p.TrimStart('*')), StringComparer.OrdinalIgnoreCase);

    static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    /// <summary>Every file named, and every matching file under every folder named (recursively); each path once.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (seen.Add(Path.GetFullPath(path))) files.Add(path);
                continue;
            }
            if (!Directory.Exists(path)) continue;
            // One walk of the tree, each name matched against every pattern (a walk per pattern costs a stat of
            // every file per pattern, which shows on a rerun over tens of thousands of unchanged files).
            var found = Directory.EnumerateFiles(path, "*", Recursive)
                .Where(f => Extensions.Contains(System.IO.Path.GetExtension(f)))
                .Order(StringComparer.Ordinal);
            files.AddRange(found.Where(f => seen.Add(Path.GetFullPath(f))));
        }
        return files;
    }
}
