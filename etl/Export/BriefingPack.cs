using CsvHelper.Configuration;
using DuckDB.NET.Data;
using PerfEval.Etl.Export.Records;
using PerfEval.Etl.Report;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Export;

/// <summary>The leadership briefing pack: one CSV per comparison, read from the <c>rpt_</c> views (docs/EXPORT-SECTION.md).</summary>
public static class BriefingPack
{
    /// <summary>The default folder, relative to the caller's folder.</summary>
    public const string DefaultFolder = "exports";

    /// <summary>Each file of the pack, in the order a briefing reads them.</summary>
    public static IReadOnlyList<(string File, Comparison Comparison)> Files { get; } =
    [
        ("scores.csv", Comparison.Scores),
        ("execution.csv", Comparison.Execution),
        ("causes.csv", Comparison.Causes),
        ("cause_texts.csv", Comparison.CauseTexts),
        ("yoy.csv", Comparison.Yoy),
        ("indicators.csv", Comparison.Indicators),
        ("flags.csv", Comparison.Flags),
    ];

    /// <summary>
    /// The file in the pack's folder that says which warehouse data the pack was written from: a line
    /// <c>data STAMP</c>, then one line <c>SIZE FILE</c> per CSV. Only <c>perfeval run</c> writes it.
    /// </summary>
    public const string StampFile = ".perfeval-pack";

    /// <summary>
    /// Writes every file into <paramref name="folder"/> (created when missing) and returns their paths, in the order
    /// of <see cref="Files"/>. The files are written side by side on all cores, each over its own read-only
    /// connection to the same snapshot, largest first.
    /// </summary>
    public static IReadOnlyList<string> Write(WarehouseFile warehouse, string folder, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var filter = new ComparisonFilter(Year: year);
        // Held open for the whole pack: the other connections share its database instance and so read the same snapshot.
        using var connection = warehouse.OpenReadOnly();
        CapMemory(connection);
        Directory.CreateDirectory(folder);
        // From here on the folder no longer holds the pack the stamp describes.
        File.Delete(Path.Combine(folder, StampFile));
        Func<DuckDBConnection, string>[] writers =
        [
            c => Write<ScoreRecord, ScoreRecordMap>(c, folder, 0, filter),
            c => Write<ExecutionRecord, ExecutionRecordMap>(c, folder, 1, filter),
            c => Write<CauseRecord, CauseRecordMap>(c, folder, 2, filter),
            c => Write<CauseTextRecord, CauseTextRecordMap>(c, folder, 3, filter),
            c => Write<YoyRecord, YoyRecordMap>(c, folder, 4, filter),
            c => Write<IndicatorRecord, IndicatorRecordMap>(c, folder, 5, filter),
            c => Write<FlagRecord, FlagRecordMap>(c, folder, 6, filter),
        ];
        var paths = new string[writers.Length];
        // Largest first (cause texts, indicators, scores, execution …), so the cores finish together.
        int[] order = [3, 5, 0, 1, 4, 6, 2];
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            using var own = warehouse.OpenReadOnly();
            paths[index] = writers[index](own);
        });
        return paths;
    }

    /// <summary>
    /// Keeps DuckDB's buffer pool for the pack small: it reads each table once, so caching the warehouse in memory
    /// gains nothing and would make the memory of `run` grow with the warehouse. Left as it is when another part
    /// of this process opened the same file with its configuration locked (<c>perfeval query</c>'s sandbox).
    /// </summary>
    const string PackMemoryLimit = "128MB";

    static void CapMemory(DuckDBConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"set memory_limit = '{PackMemoryLimit}'";
            command.ExecuteNonQuery();
        }
        catch (DuckDBException)
        {
            // Locked configuration: the limit stays whatever that connection set.
        }
    }

    /// <summary>Records that the pack in <paramref name="folder"/> was written from the warehouse data <paramref name="dataStamp"/>.</summary>
    public static void Stamp(string folder, string dataStamp, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var lines = files.Select(f => $"{new FileInfo(f).Length} {Path.GetFileName(f)}").Prepend($"data {dataStamp}");
        var path = Path.Combine(folder, StampFile);
        File.WriteAllLines(path + ".partial", lines);
        File.Move(path + ".partial", path, overwrite: true);
    }

    /// <summary>
    /// The pack's files when <paramref name="folder"/> holds the whole pack written from <paramref name="dataStamp"/>,
    /// every file at the size it was written with; null when any file is missing, changed or from other data.
    /// </summary>
    public static IReadOnlyList<string>? Current(string folder, string dataStamp)
    {
        var stamp = Path.Combine(folder, StampFile);
        if (!File.Exists(stamp)) return null;
        var lines = File.ReadAllLines(stamp);
        if (lines.Length != Files.Count + 1 || lines[0] != $"data {dataStamp}") return null;
        var paths = new List<string>();
        for (var i = 0; i < Files.Count; i++)
        {
            var path = Path.GetFullPath(Path.Combine(folder, Files[i].File));
            if (lines[i + 1] != $"{(File.Exists(path) ? new FileInfo(path).Length : -1)} {Files[i].File}") return null;
            paths.Add(path);
        }
        return paths;
    }

    static string Write<T, TMap>(DuckDBConnection connection, string folder, int index, ComparisonFilter filter) where TMap : ClassMap<T>
    {
        var (file, comparison) = Files[index];
        // Streamed from DuckDB into the file, so the pack needs the same memory for any number of rows.
        var records = ComparisonQuery.Build(connection, comparison, filter).Stream<T>(connection);
        var path = Path.GetFullPath(Path.Combine(folder, file));
        // Written beside and moved into place, so a reader never opens half a file.
        var partial = path + ".partial";
        BriefingCsv.WriteFile<T, TMap>(partial, records);
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
