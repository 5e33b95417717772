using Dapper;
using DuckDB.NET.Data;
using PerfEval.Bench.Generate;
using PerfEval.Etl.Check;
using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Transform;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Transform;

/// <summary>
/// A run that only adds documents updates the fct_ tables for those documents and the ones they supersede
/// (<see cref="ModelRunner.UpdateAsync"/>). Held here to a full rebuild of the same warehouse, table by table,
/// over synthetic reports loaded in batches, with corrected re-submissions that supersede earlier reports.
/// </summary>
public sealed class IncrementalBuildFacts : IDisposable
{
    const int Seed = 20240601;
    readonly string root = Directory.CreateTempSubdirectory("perfeval-incremental-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    string Inbox => Path.Combine(root, "inbox");
    string WarehousePath => Path.Combine(root, "warehouse.duckdb");

    void Write(GeneratedFile file)
    {
        var path = Path.Combine(Inbox, file.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, file.Bytes);
    }

    async Task<List<string>> RunAsync(bool fullRebuild = false, long? checkpointAt = null, int? connections = null)
    {
        var lines = new List<string>();
        var progress = new SynchronousProgress(lines.Add);
        var options = new RunOptions([Inbox], WarehousePath) { FullRebuild = fullRebuild, BuildCheckpointBytes = checkpointAt };
        if (connections is { } n) options = options with { MaxDegreeOfParallelism = n };
        var summary = await LoadPipeline.RunAsync(options, progress);
        summary.Status.ShouldBe(RunSummary.Succeeded);
        return lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Update_AfterRunsThatOnlyAddDocuments_EqualsAFullRebuild(int connections)
    {
        // One connection builds the models one after the other; three build each phase's independent models side by side.
        var files = CorpusGenerator.Files(240, Seed).ToList();
        foreach (var f in files.Take(120)) Write(f);
        (await RunAsync(connections: connections)).ShouldContain(l => l.StartsWith("transform: built", StringComparison.Ordinal) && !l.Contains("updated for", StringComparison.Ordinal));

        foreach (var f in files.Skip(120)) Write(f);
        // An update keeps the views of the int_ and rpt_ models (the last build made them from the same SQL), and makes
        // those that are missing.
        using (var db = new DuckDBConnection($"Data Source={WarehousePath}"))
        {
            db.Open();
            db.Execute("drop view rpt_yoy; drop view int_project");
        }
        (await RunAsync(connections: connections)).ShouldContain(l => l.Contains("per-document tables updated for", StringComparison.Ordinal)
            && l.Contains(" on 3 connections", StringComparison.Ordinal) == (connections == 3), "the second run only adds documents");
        ShouldEqualFullRebuild("after adding 120 reports");
        await ShouldHoldTheFindingsOfTheChecksAsync("after adding 120 reports");
        Count("select count(*) from duckdb_schemas() where schema_name = 'perfeval_build'").ShouldBe(0, "the build's scratch schema is not published");
        Count("select count(*) from rpt_yoy").ShouldBe(Count("select count(*) from rpt_yoy__data"));
        Count("select count(*) from int_project").ShouldBeGreaterThan(0);
        Count("select count(*) from rpt_scores").ShouldBe(Count("select count(*) from rpt_scores__data"));

        // Corrected uploads of earlier reports: new documents that supersede ones already loaded.
        var amended = Enumerable.Range(0, 240).Select(i => CorpusGenerator.Amended(i, Seed)).OfType<GeneratedFile>().Take(12).ToList();
        amended.Count.ShouldBeGreaterThan(5);
        foreach (var f in amended) Write(f);
        (await RunAsync(connections: connections)).ShouldContain(l => l.Contains("per-document tables updated for", StringComparison.Ordinal)
            && l.Contains("and 3 per-document reports with them", StringComparison.Ordinal), "corrected figures leave the departments as they were");
        Count("select count(*) from dim_document where superseded_by_document_id is not null").ShouldBeGreaterThanOrEqualTo(amended.Count,
            "every corrected upload supersedes the report it corrects");
        ShouldEqualFullRebuild("after corrected uploads");
        await ShouldHoldTheFindingsOfTheChecksAsync("after corrected uploads");
    }

    /// <summary>
    /// <c>dq_finding</c> holds what every check finds in the published tables, from the last run: a build on several
    /// connections runs the checks beside the reports' build, once the tables they read are built.
    /// </summary>
    async Task ShouldHoldTheFindingsOfTheChecksAsync(string when)
    {
        using var db = new DuckDBConnection($"Data Source={WarehousePath};ACCESS_MODE=READ_ONLY");
        db.Open();
        var expected = new List<string>();
        foreach (var check in CheckRunner.Checks)
            expected.AddRange((await CheckRunner.QueryAsync(db, check.Name)).Select(f => $"{check.Name} {f.DocumentId} {f.Detail}"));
        expected.ShouldNotBeEmpty($"{when}: no findings prove nothing");
        var stored = db.Query<string>("select check_name || ' ' || coalesce(document_id::varchar, '') || ' ' || detail from dq_finding").ToList();
        stored.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal), $"{when}: dq_finding holds the checks' findings");
        db.ExecuteScalar<long>("select count(distinct run_id) from dq_finding").ShouldBe(1);
        db.ExecuteScalar<long>("select max(run_id) from dq_finding").ShouldBe(db.ExecuteScalar<long>("select max(run_id) from etl_run"), when);
    }

    [Fact]
    public async Task Update_AReportThatRestatesADepartmentsDistrict_RebuildsThePerDocumentReports_AndEqualsAFullRebuild()
    {
        // Hand-written extracts: the extractor derives a department's district from its name, so only an injected
        // extract restates it. The newest document's district is the department's (int_department), and every report
        // row of the department's older documents shows it.
        using var warehouse = new TempWarehouse();
        static ReportExtract Report(int year, string district) =>
            ReportBuilder.Department("广州市合成数据局", year, district: district)
                .Score(99, ("履职效能", 50, 49.5m), ("管理效率", 50, 49.5m)).Budget(100, 80, 80)
                .Deduction("履职效能", "部门预算资金支出率", 10, 0.5m, "spending_pace").Problem("预算执行进度偏慢", "spending_pace")
                .Indicator("培训场次", 10, 9, 90).Build();
        warehouse.AddReport("2022.txt", "report 2022", () => Report(2022, "天河区"));
        warehouse.AddReport("other.txt", "other 2022", () => ReportBuilder.Department("广州市另一合成局", 2022, district: "越秀区")
            .Score(98.5m).Budget(50, 40, 80).Deduction("管理效率", "预决算公开合规性", 2, 1, "disclosure").Indicator("宣传次数", 5, 4, 80).Build());
        (await warehouse.RunAsync()).Status.ShouldBe(RunSummary.Succeeded);

        warehouse.AddReport("2023.txt", "report 2023", () => Report(2023, "海珠区"));
        var lines = new List<string>();
        (await LoadPipeline.RunAsync(warehouse.Options(), new SynchronousProgress(lines.Add))).Status.ShouldBe(RunSummary.Succeeded);

        lines.ShouldContain(l => l.Contains("per-document tables updated for", StringComparison.Ordinal)
            && l.Contains("per-document reports rebuilt whole (a dimension they join changed)", StringComparison.Ordinal), string.Join("\n", lines));
        ShouldEqualFullRebuild(warehouse.Root, warehouse.WarehousePath, "after a report restated a district",
            table => table is "dim_department" or "rpt_cause_texts__data" or "rpt_indicators__data" or "rpt_flags__data");
        Count(warehouse.WarehousePath, "select count(*) from rpt_cause_texts where district = '海珠区'").ShouldBe(4, "2 texts for each of the 2 years");
    }

    [Fact]
    public async Task Builds_ThatCheckpointPartWay_StillEqualAFullRebuild()
    {
        // With a threshold this small, the full build and the update both commit and checkpoint part way, several times
        // (WarehouseLoad.CheckpointsForBuildAsync); with the default (half of DuckDB's memory limit) they do not.
        const long Small = 4 << 20;
        var files = CorpusGenerator.Files(80, Seed).ToList();
        foreach (var f in files.Take(60)) Write(f);
        (await RunAsync(checkpointAt: Small)).ShouldContain(l => l.StartsWith("transform: built", StringComparison.Ordinal)
            && l.Contains("checkpointed", StringComparison.Ordinal), "the full build checkpoints part way");

        foreach (var f in files.Skip(60)) Write(f);
        foreach (var f in Enumerable.Range(0, 60).Select(i => CorpusGenerator.Amended(i, Seed)).OfType<GeneratedFile>().Take(4)) Write(f);
        (await RunAsync(checkpointAt: Small)).ShouldContain(l => l.Contains("per-document tables updated for", StringComparison.Ordinal)
            && l.Contains("checkpointed", StringComparison.Ordinal), "the update checkpoints part way");
        ShouldEqualFullRebuild("after an update that checkpointed part way");

        // The same reports loaded in one run with the default threshold: a build this small does not checkpoint.
        var lines = new List<string>();
        (await LoadPipeline.RunAsync(new RunOptions([Inbox], Path.Combine(root, "fresh.duckdb")), new SynchronousProgress(lines.Add))).Status.ShouldBe(RunSummary.Succeeded);
        lines.ShouldContain(l => l.StartsWith("transform: built", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("checkpointed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWarehouseWhoseFactIsATable_GetsTheView_AtTheRebuildNewModelsBring()
    {
        // As an older version left it: fct_deduction a table, built by other models.
        foreach (var f in CorpusGenerator.Files(30, Seed)) Write(f);
        await RunAsync();
        var deductions = Count("select count(*) from fct_deduction");
        deductions.ShouldBeGreaterThan(0);
        using (var db = new DuckDBConnection($"Data Source={WarehousePath}"))
        {
            db.Open();
            db.Execute("drop view fct_deduction_cause; drop view fct_deduction; create table fct_deduction as select 1 as stale; create table fct_deduction_cause as select 1 as stale");
            db.Execute("update etl_state set value = 'models of an older version' where key = 'models'");
        }

        (await RunAsync()).ShouldContain(l => l.StartsWith("transform: built", StringComparison.Ordinal) && !l.Contains("updated for", StringComparison.Ordinal));

        Count("select count(*) from information_schema.tables where table_name in ('fct_deduction', 'fct_deduction_cause') and table_type = 'VIEW'").ShouldBe(2);
        Count("select count(*) from fct_deduction").ShouldBe(deductions);
        Count("select count(*) from fct_deduction_cause").ShouldBe(Count("select coalesce(sum(len(cause_codes)), 0)::bigint from fct_deduction"));
    }

    [Fact]
    public async Task FullRebuildOption_RebuildsEverything()
    {
        foreach (var f in CorpusGenerator.Files(30, Seed).Take(20)) Write(f);
        await RunAsync();
        foreach (var f in CorpusGenerator.Files(30, Seed).Skip(20)) Write(f);

        var lines = await RunAsync(fullRebuild: true);

        lines.ShouldContain(l => l.StartsWith("transform: built", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("updated for", StringComparison.Ordinal));
    }

    long Count(string sql) => Count(WarehousePath, sql);

    static long Count(string warehousePath, string sql)
    {
        using var db = new DuckDBConnection($"Data Source={warehousePath};ACCESS_MODE=READ_ONLY");
        db.Open();
        return db.ExecuteScalar<long>(sql);
    }

    /// <summary>Rebuilds a copy of the warehouse from its staged rows and compares every dim_, fct_ and rpt_ table as a set of rows.</summary>
    void ShouldEqualFullRebuild(string when) => ShouldEqualFullRebuild(root, WarehousePath, when);

    /// <summary>As above for the warehouse at <paramref name="warehousePath"/>, comparing the tables <paramref name="include"/> picks (all by default).</summary>
    static void ShouldEqualFullRebuild(string root, string warehousePath, string when, Func<string, bool>? include = null)
    {
        var copy = Path.Combine(root, "rebuilt.duckdb");
        File.Copy(warehousePath, copy, overwrite: true);
        using (var db = new DuckDBConnection($"Data Source={copy}"))
        {
            db.Open();
            ModelRunner.RunAsync(db).GetAwaiter().GetResult();
        }
        var incremental = Snapshot(warehousePath, include);
        var rebuilt = Snapshot(copy, include);
        incremental.Keys.ShouldBe(rebuilt.Keys);
        foreach (var (table, rows) in rebuilt)
        {
            rows.Count.ShouldBeGreaterThan(0, $"{table} {when}: an empty table proves nothing");
            var differ = incremental[table].Except(rows).Concat(rows.Except(incremental[table])).Take(3).ToList();
            differ.ShouldBeEmpty($"{table} {when}: incremental and rebuilt rows differ");
            incremental[table].Count.ShouldBe(rows.Count, $"{table} {when}");
        }
        File.Delete(copy);
    }

    static SortedDictionary<string, List<string>> Snapshot(string path, Func<string, bool>? include)
    {
        using var db = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        db.Open();
        var tables = db.Query<string>("""
            select table_name from information_schema.tables
            -- int_document__data too: a rerun updates the rows of the version keys it adds to (IncrementalBuild.UpdateVersionsAsync)
            where (table_type = 'BASE TABLE' and (table_name like 'dim\_%' escape '\' or table_name like 'fct\_%' escape '\' or table_name like 'rpt\_%' escape '\' or table_name like 'int\_%' escape '\'))
               -- the views too: an incremental build leaves the dim_/fct_ ones as they are, and a report's view joins its
               -- table's rows to the dim_/fct_ tables, so they must read right from what it updated
               or (table_type = 'VIEW' and (table_name like 'dim\_%' escape '\' or table_name like 'fct\_%' escape '\' or table_name like 'rpt\_%' escape '\'))
            order by table_name
            """).ToList();
        var snapshot = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables.Where(include ?? (_ => true)))
            snapshot[table] = db.Query<string>($"select t::varchar from {table} as t").Order(StringComparer.Ordinal).ToList();
        return snapshot;
    }

    /// <summary>Reports progress on the calling thread, in order.</summary>
    sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
