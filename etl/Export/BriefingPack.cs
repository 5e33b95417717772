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

    /// <summary>Writes every file into <paramref name="folder"/> (created when missing) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(WarehouseFile warehouse, string folder, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var filter = new ComparisonFilter(Year: year);
        using var connection = warehouse.OpenReadOnly();
        Directory.CreateDirectory(folder);
        // From here on the folder no longer holds the pack the stamp describes.
        File.Delete(Path.Combine(folder, StampFile));
        return
        [
            Write<ScoreRecord, ScoreRecordMap>(connection, folder, 0, filter),
            Write<ExecutionRecord, ExecutionRecordMap>(connection, folder, 1, filter),
            Write<CauseRecord, CauseRecordMap>(connection, folder, 2, filter),
            Write<CauseTextRecord, CauseTextRecordMap>(connection, folder, 3, filter),
            Write<YoyRecord, YoyRecordMap>(connection, folder, 4, filter),
            Write<IndicatorRecord, IndicatorRecordMap>(connection, folder, 5, filter),
            Write<FlagRecord, FlagRecordMap>(connection, folder, 6, filter),
        ];
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
        var records = ComparisonQuery.Build(connection, comparison, filter).Query<T>(connection);
        var path = Path.GetFullPath(Path.Combine(folder, file));
        // Written beside and moved into place, so a reader never opens half a file.
        var partial = path + ".partial";
        BriefingCsv.WriteFile<T, TMap>(partial, records);
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
