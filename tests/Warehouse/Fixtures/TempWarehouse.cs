using System.Text;
using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Extract;
using PerfEval.Etl.Pipeline;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Tests.Warehouse.Fixtures;

/// <summary>
/// A temp folder with an inbox of report files and a real DuckDB warehouse file. Each file's
/// text is a key into <see cref="Reports"/>, the hand-written extracts an injected extractor returns.
/// </summary>
internal sealed class TempWarehouse : IDisposable
{
    public TempWarehouse()
    {
        Root = Path.Combine(Path.GetTempPath(), "perfeval-tests", Guid.NewGuid().ToString("N"));
        Inbox = Path.Combine(Root, "inbox");
        Directory.CreateDirectory(Inbox);
        WarehousePath = Path.Combine(Root, "data", "warehouse.duckdb");
    }

    public string Root { get; }
    public string Inbox { get; }
    public string WarehousePath { get; }

    /// <summary>File text → the extract the injected extractor returns for it.</summary>
    public Dictionary<string, Func<ReportExtract>> Reports { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times the injected extractor parsed a file.</summary>
    public int ExtractCalls => extractCalls;
    int extractCalls;

    /// <summary>Writes <c>inbox/&lt;file&gt;</c> whose text is <paramref name="key"/>, extracted as <paramref name="report"/>.</summary>
    public string AddReport(string file, string key, Func<ReportExtract> report)
    {
        Reports[key] = report;
        var path = Path.Combine(Inbox, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, key, new UTF8Encoding(false));
        return path;
    }

    public RunOptions Options(Action<string>? afterStage = null, string? extractorVersion = null, int batchSize = 500) =>
        new RunOptions([Inbox], WarehousePath)
        {
            Extract = FakeExtract,
            AfterStage = afterStage,
            ExtractorVersion = extractorVersion ?? Extractor.Version,
            BatchSize = batchSize,
        };

    public Task<RunSummary> RunAsync(Action<string>? afterStage = null, string? extractorVersion = null, int batchSize = 500) =>
        LoadPipeline.RunAsync(Options(afterStage, extractorVersion, batchSize));

    ReportExtract FakeExtract(byte[] bytes, string source)
    {
        Interlocked.Increment(ref extractCalls);
        var key = Encoding.UTF8.GetString(bytes);
        var extract = Reports.TryGetValue(key, out var report) ? report() : ReportExtract.Rejected(source, null, "not a report");
        extract.Source = source;
        return extract;
    }

    /// <summary>
    /// A load of this warehouse with its schema made (<see cref="WarehouseSchema.EnsureAsync"/>), holding the load lock
    /// until it is disposed: for the tests of one step of a load.
    /// </summary>
    public async Task<OpenLoad> BeginLoadAsync()
    {
        var file = new WarehouseFile(WarehousePath);
        var loadLock = await file.AcquireLoadLockAsync();
        try
        {
            var load = await file.BeginLoadAsync(loadLock);
            await WarehouseSchema.EnsureAsync(load.Connection);
            return new OpenLoad(loadLock, load);
        }
        catch
        {
            loadLock.Dispose();
            throw;
        }
    }

    /// <summary>A load and the lock it holds (<see cref="BeginLoadAsync"/>).</summary>
    internal sealed class OpenLoad(LoadLock loadLock, WarehouseLoad load) : IAsyncDisposable
    {
        public WarehouseLoad Load => load;

        public DuckDBConnection Connection => load.Connection;

        public async ValueTask DisposeAsync()
        {
            await load.DisposeAsync();
            loadLock.Dispose();
        }
    }

    public DuckDBConnection Open()
    {
        var connection = new DuckDBConnection($"Data Source={WarehousePath}");
        connection.Open();
        return connection;
    }

    public long Count(string sql)
    {
        using var connection = Open();
        return connection.ExecuteScalar<long>(sql);
    }

    public List<T> Query<T>(string sql)
    {
        using var connection = Open();
        return connection.Query<T>(sql).ToList();
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        connection.Execute(sql);
    }

    /// <summary>Every row of every table, as text, to compare a warehouse before and after.</summary>
    public SortedDictionary<string, List<string>> Snapshot(params string[] except)
    {
        using var connection = Open();
        var tables = connection.Query<string>("select table_name from information_schema.tables where table_type = 'BASE TABLE' order by table_name").ToList();
        var snapshot = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !except.Contains(t)))
            snapshot[table] = connection.Query<string>($"select t::varchar from {table} as t").Order(StringComparer.Ordinal).ToList();
        return snapshot;
    }

    /// <summary>Asserts table by table, so a failure names the table that changed.</summary>
    public void ShouldMatchSnapshot(SortedDictionary<string, List<string>> before, string[] except, string? when = null)
    {
        var after = Snapshot(except);
        after.Keys.ShouldBe(before.Keys, $"the same tables {when}");
        foreach (var (table, rows) in before)
        {
            var changed = after[table].Except(rows).Concat(rows.Except(after[table])).Take(3).ToList();
            changed.ShouldBeEmpty($"table {table} changed {when} ({rows.Count} rows before, {after[table].Count} after)");
            after[table].Count.ShouldBe(rows.Count, $"rows of {table} {when}");
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
