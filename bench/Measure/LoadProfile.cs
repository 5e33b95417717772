using System.Diagnostics;
using System.Globalization;
using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Check;
using PerfEval.Etl.Export;
using PerfEval.Etl.Transform;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Bench.Measure;

/// <summary>
/// Where the load's time goes after extraction: each model, each check and each CSV of the briefing pack, timed
/// on a scratch copy of a loaded warehouse (the warehouse itself is only read).
/// </summary>
public static class LoadProfile
{
    public static void Run(string warehouse, TextWriter o)
    {
        if (Environment.GetEnvironmentVariable("PERFEVAL_EXPORT_ONLY") is { } passes)
        {
            // Only the briefing pack, several times over, for a CPU profiler to sample.
            var into = Path.Combine(Path.GetTempPath(), $"perfeval-profile-{Environment.ProcessId}.exports");
            for (var i = 0; i < int.Parse(passes, CultureInfo.InvariantCulture); i++) BriefingPack.Write(new WarehouseFile(warehouse), into);
            Directory.Delete(into, recursive: true);
            return;
        }
        var scratch = Path.Combine(Path.GetTempPath(), $"perfeval-profile-{Environment.ProcessId}.duckdb");
        File.Copy(warehouse, scratch, overwrite: true);
        try
        {
            var total = Stopwatch.StartNew();
            using (var db = new DuckDBConnection($"Data Source={scratch}"))
            {
                db.Open();
                if (Environment.GetEnvironmentVariable("PERFEVAL_PROFILE_SETTINGS") is { } settings) db.Execute(settings);
                db.Execute("begin transaction");
                var explain = Environment.GetEnvironmentVariable("PERFEVAL_EXPLAIN");
                foreach (var model in ModelRunner.Models)
                {
                    if (explain is not null && explain.Split(',').Contains(model.Name))
                    {
                        db.Execute($"set enable_profiling = 'json'; set profiling_output = '/tmp/prof/{model.Name}.json'");
                        o.WriteLine($"  ({db.Query(model.Sql.TrimEnd().TrimEnd(';')).Count()} rows profiled)");
                        db.Execute("set enable_profiling = 'no_output'; reset enable_profiling");
                    }
                    var clock = Stopwatch.StartNew();
                    db.Execute(model.CreateStatement);
                    // As ModelRunner does: an int_ view is computed once into a temporary table its readers use.
                    if (model.IsIntermediate) db.Execute($"create or replace temp table {model.Name} as select * from main.{model.Name}");
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  model {model.Name,-28} {clock.Elapsed.TotalMilliseconds,8:0.0} ms"));
                }
                foreach (var check in CheckRunner.Checks)
                {
                    var clock = Stopwatch.StartNew();
                    var n = db.Query($"select * from ({check.OffendingRowsSql})").Count();
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  check {check.Name,-60} {clock.Elapsed.TotalMilliseconds,8:0.0} ms  {n} rows"));
                }
                var commit = Stopwatch.StartNew();
                db.Execute("commit");
                db.Execute("force checkpoint");
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  commit + checkpoint {commit.Elapsed.TotalMilliseconds,8:0.0} ms"));
            }
            var folder = scratch + ".exports";
            BriefingPack.Write(new WarehouseFile(scratch), folder); // the first pass reads the tables into the cache
            var export = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            BriefingPack.Write(new WarehouseFile(scratch), folder);
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  export (7 CSV files, second pass) {export.Elapsed.TotalMilliseconds,8:0.0} ms  ({cpuMs:0} ms CPU)"));
            Directory.Delete(folder, recursive: true);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total {total.Elapsed.TotalMilliseconds,8:0.0} ms"));
        }
        finally
        {
            File.Delete(scratch);
            File.Delete(scratch + ".wal");
        }
    }
}
