using Dapper;
using DuckDB.NET.Data;

namespace PerfEval.Etl.Transform;

/// <summary>
/// The connections one build runs its models on, and the state they share. The build's own connection is always the first
/// (<see cref="Main"/>). When the caller gives a way to open more connections to the same DuckDB instance, a build of
/// several connections runs the independent models of each phase side by side, one model per connection at a time
/// (<see cref="RunAsync"/>). With one DuckDB thread per query, as the load sets it for data that fits a few row groups
/// (<see cref="Warehouse.WarehouseLoad.FitThreadsToDataAsync"/>), one connection leaves the other cores idle while it builds.
/// <para>
/// A computed <c>int_</c> model is read instead of its view through a temporary object of the model's name (temporary
/// objects come first in DuckDB's search path). On one connection that is a temporary table. Several connections share a
/// table in an in-memory database attached as <see cref="Scratch"/> (a temporary table is seen by its own connection only),
/// and each reads it through a temporary view. Those tables never reach the warehouse's file, so no checkpoint writes them
/// (as a schema of the working copy they were 5 of the 40 tables a 1%-changed rerun's checkpoints wrote; BENCHMARKS.md).
/// DuckDB lets a transaction write one database only, so a model writes its view in the warehouse and its table in the
/// scratch database in two transactions (<see cref="MaterializeAsync"/>). The scratch database is
/// detached when the build ends. Temporary views of the current phase (an incremental build's shadows of the staged rows,
/// <see cref="IncrementalBuild"/>) are created on every connection by <see cref="ForEachAsync"/> between phases.
/// </para>
/// <para>
/// With more than one connection, each model is its own transaction on the connection that builds it, so the models that
/// read it see it. The build's own connection must then be in an explicit transaction when the build starts: the build
/// commits it, and leaves a new one open when it ends (also after a failure). Between phases the build's own connection
/// works in a transaction of its own, committed before the next phase's models start (<see cref="RunAsync"/>). Committing
/// part way is only right for a private working copy that a failed load discards whole, as a load's is
/// (<see cref="Warehouse.WarehouseLoad"/>).
/// </para>
/// </summary>
internal sealed class BuildConnections : IAsyncDisposable
{
    /// <summary>With several connections: the name of the in-memory database that holds the computed <c>int_</c> models.</summary>
    internal const string Scratch = "perfeval_build";

    /// <summary>With several connections: the schema of <see cref="Scratch"/> the tables are in.</summary>
    string? scratchSchema;

    readonly List<DuckDBConnection> connections;
    readonly Dictionary<DuckDBConnection, HashSet<string>> viewsOf = [];
    readonly List<string> intermediates = [];
    /// <summary>With several connections: the <c>int_</c> models computed in the transactions not committed yet (one per connection).</summary>
    readonly HashSet<string> uncommitted = new(StringComparer.Ordinal);
    readonly object gate = new();
    /// <summary>With several connections: whether <see cref="Main"/> is in the transaction it works in between phases.</summary>
    bool mainInTransaction;

    BuildConnections(List<DuckDBConnection> connections)
    {
        this.connections = connections;
        foreach (var connection in connections) viewsOf[connection] = new HashSet<string>(StringComparer.Ordinal);
    }

    public DuckDBConnection Main => connections[0];

    public int Count => connections.Count;

    /// <summary>Whether models run side by side, each in its own transaction.</summary>
    public bool Parallel => connections.Count > 1;

    /// <summary>
    /// The build's connections: <paramref name="main"/>, and <paramref name="workers"/> more from <paramref name="open"/>
    /// (which must open connections to the same DuckDB instance, with the same default database).
    /// </summary>
    public static async Task<BuildConnections> OpenAsync(DuckDBConnection main, Func<DuckDBConnection>? open, int workers)
    {
        var all = new List<DuckDBConnection> { main };
        try
        {
            for (var i = 0; open is not null && i < workers; i++) all.Add(open());
            var pool = new BuildConnections(all);
            if (pool.Parallel)
            {
                // From here on each model commits on its own (see the summary).
                await main.ExecuteAsync("commit");
                // Attached outside a transaction, as DuckDB requires; every connection of the instance sees it.
                await main.ExecuteAsync($"attach if not exists ':memory:' as {Scratch}");
                pool.scratchSchema = $"{Scratch}.main";
                await main.ExecuteAsync("begin transaction");
                pool.mainInTransaction = true;
            }
            return pool;
        }
        catch
        {
            foreach (var extra in all.Skip(1)) await extra.DisposeAsync();
            throw;
        }
    }

    /// <summary>The table of a computed <c>int_</c> model (or of other rows the build's models share), by its qualified name.</summary>
    internal string ScratchTable(string name) => scratchSchema is null ? $"temp.main.{name}" : $"{scratchSchema}.{name}";

    /// <summary>The statement that creates (or replaces) the table <see cref="ScratchTable"/> names, from <paramref name="select"/>.</summary>
    internal string CreateScratchTable(string name, string select) =>
        scratchSchema is null ? $"create or replace temp table {name} as\n{select}" : $"create or replace table {scratchSchema}.{name} as\n{select}";

    /// <summary>
    /// Computes the <c>int_</c> model <paramref name="model"/> from <paramref name="select"/> into its table, on
    /// <paramref name="connection"/>, which reads it from then on instead of the view. With several connections the others
    /// do too once its transaction commits (<see cref="PrepareAsync"/>): before that, they cannot see the table.
    /// </summary>
    public async Task MaterializeAsync(DuckDBConnection connection, string model, string select)
    {
        if (!Parallel)
        {
            await connection.ExecuteAsync(CreateScratchTable(model, select));
            intermediates.Add(model);
            return;
        }
        // What the model wrote in the warehouse (its view) is committed first.
        await SwitchDatabaseAsync(connection);
        await connection.ExecuteAsync(CreateScratchTable(model, select));
        await connection.ExecuteAsync($"create or replace temp view {model} as select * from {ScratchTable(model)}");
        lock (gate)
        {
            viewsOf[connection].Add(model);
            uncommitted.Add(model);
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/>, which writes the scratch schema only, on <paramref name="connection"/> in the middle of a
    /// model's transaction: with several connections in a transaction of its own (a transaction writes one database), after
    /// which the model goes on in a new one.
    /// </summary>
    public async Task WriteScratchAsync(DuckDBConnection connection, string sql, object? parameters = null)
    {
        await SwitchDatabaseAsync(connection);
        await connection.ExecuteAsync(sql, parameters);
        await SwitchDatabaseAsync(connection);
    }

    /// <summary>
    /// With several connections, commits what <paramref name="connection"/> did in its transaction and begins another: a
    /// transaction writes one database, the warehouse or the scratch database. On one connection (all in the caller's
    /// transaction, the scratch tables temporary), nothing.
    /// </summary>
    async Task SwitchDatabaseAsync(DuckDBConnection connection)
    {
        if (!Parallel) return;
        await connection.ExecuteAsync("commit");
        await connection.ExecuteAsync("begin transaction");
    }

    /// <summary>The computed <c>int_</c> models so far.</summary>
    public IReadOnlyList<string> Intermediates { get { lock (gate) return intermediates.ToList(); } }

    /// <summary>With several connections: creates on <paramref name="connection"/> the temporary view of each computed <c>int_</c> model it lacks.</summary>
    async Task PrepareAsync(DuckDBConnection connection)
    {
        if (!Parallel) return;
        foreach (var model in Intermediates.Where(m => !viewsOf[connection].Contains(m)))
        {
            await connection.ExecuteAsync($"create or replace temp view {model} as select * from {ScratchTable(model)}");
            viewsOf[connection].Add(model);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on every connection, one after the other, each with the views of every computed
    /// <c>int_</c> model. Only between <see cref="RunAsync"/>s. With several connections, what <see cref="Main"/> did in its
    /// transaction is committed first, so the others see it.
    /// </summary>
    public async Task ForEachAsync(Func<DuckDBConnection, Task> action)
    {
        if (Parallel)
        {
            await Main.ExecuteAsync("commit");
            mainInTransaction = false;
            await Main.ExecuteAsync("begin transaction");
            mainInTransaction = true;
        }
        foreach (var connection in connections)
        {
            await PrepareAsync(connection);
            await action(connection);
        }
    }

    /// <summary>
    /// Builds <paramref name="models"/> (in dependency order) with <paramref name="build"/>, each after the models of the
    /// list it references; returns how long each took, in the list's order. On one connection they are built in order within
    /// the caller's transaction, and <paramref name="afterEach"/> runs after each. On several, each connection takes the
    /// first model whose references are built, in a transaction of its own, on a thread of its own (the thread pool's
    /// threads would wait in DuckDB calls, as the briefing pack's did); <paramref name="afterEach"/> is not called. The
    /// first failure stops the others from taking more models and is rethrown once they are done.
    /// </summary>
    public async Task<TimeSpan[]> RunAsync(IReadOnlyList<Model> models, Func<DuckDBConnection, Model, Task> build, Func<Task>? afterEach, CancellationToken cancellationToken)
    {
        var took = new TimeSpan[models.Count];
        if (!Parallel)
        {
            for (var i = 0; i < models.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await PrepareAsync(Main);
                await Run(Main, models[i], build);
                took[i] = clock.Elapsed;
                if (afterEach is not null) await afterEach();
            }
            return took;
        }

        // What the build's own connection did since the last phase, for the other connections to see.
        await Main.ExecuteAsync("commit");
        mainInTransaction = false;
        // After a failure, DisposeAsync opens the transaction the caller then rolls back.
        await RunSideBySideAsync(models, build, took, cancellationToken);
        await Main.ExecuteAsync("begin transaction");
        mainInTransaction = true;
        return took;
    }

    async Task RunSideBySideAsync(IReadOnlyList<Model> models, Func<DuckDBConnection, Model, Task> build, TimeSpan[] took, CancellationToken cancellationToken)
    {
        var references = models.Select(m => models.Select((other, j) => (other, j)).Where(o => m.References(o.other)).Select(o => o.j).ToArray()).ToArray();
        var started = new bool[models.Count];
        var done = new bool[models.Count];
        Exception? failure = null;
        var threads = connections.Select(connection => new Thread(() =>
        {
            while (true)
            {
                int next;
                lock (gate)
                {
                    while (true)
                    {
                        if (failure is not null) return;
                        if (cancellationToken.IsCancellationRequested)
                        {
                            failure ??= new OperationCanceledException(cancellationToken);
                            Monitor.PulseAll(gate);
                            return;
                        }
                        next = Enumerable.Range(0, models.Count).FirstOrDefault(i => !started[i] && references[i].All(r => done[r]), -1);
                        if (next >= 0 || started.All(s => s)) break;
                        Monitor.Wait(gate);
                    }
                    if (next < 0) return;
                    started[next] = true;
                }
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    // DuckDB.NET completes its calls synchronously: this thread has no synchronization context to deadlock on.
                    RunInTransactionAsync(connection, models[next], build).GetAwaiter().GetResult();
                }
                catch (Exception e)
                {
                    lock (gate)
                    {
                        failure ??= e;
                        Monitor.PulseAll(gate);
                    }
                    return;
                }
                lock (gate)
                {
                    took[next] = clock.Elapsed;
                    done[next] = true;
                    Monitor.PulseAll(gate);
                }
            }
        }) { IsBackground = true, Name = "perfeval build" }).ToList();
        threads.ForEach(t => t.Start());
        await Task.Run(() => threads.ForEach(t => t.Join()), CancellationToken.None);
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
    }

    async Task RunInTransactionAsync(DuckDBConnection connection, Model model, Func<DuckDBConnection, Model, Task> build)
    {
        await connection.ExecuteAsync("begin transaction");
        try
        {
            await PrepareAsync(connection);
            await Run(connection, model, build);
            await connection.ExecuteAsync("commit");
            // The int_ model it computed is now there for the other connections too.
            if (model.IsIntermediate)
                lock (gate)
                    if (uncommitted.Remove(model.Name)) intermediates.Add(model.Name);
        }
        catch
        {
            await ModelRunner.RollbackQuietlyAsync(connection);
            throw;
        }
    }

    static async Task Run(DuckDBConnection connection, Model model, Func<DuckDBConnection, Model, Task> build)
    {
        try
        {
            await build(connection, model);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"model {model.Name} ({model.ResourceName}) failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Closes the other connections and drops the computed <c>int_</c> models and the temporary views of <see cref="Main"/>; with several
    /// connections, leaves <see cref="Main"/> in a transaction, as the caller had it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var extra in connections.Skip(1)) await extra.DisposeAsync();
        if (Parallel && !mainInTransaction)
        {
            try { await Main.ExecuteAsync("begin transaction"); }
            catch (DuckDBException) { /* the caller rolls back whatever is open */ }
        }
        foreach (var model in viewsOf[Main]) await ModelRunner.DropQuietlyAsync(Main, model, "view");
        if (scratchSchema is not null)
        {
            // Main's transaction holds only what it did between phases (in the scratch database, and temporary views): it
            // ends before that database is detached (with every table in it), and a new one is left open, as the caller had it.
            try { await Main.ExecuteAsync("commit"); }
            catch (DuckDBException) { await ModelRunner.RollbackQuietlyAsync(Main); }
            try { await Main.ExecuteAsync($"detach database if exists {Scratch}"); }
            catch (DuckDBException) { /* it goes with the load's DuckDB instance */ }
            try { await Main.ExecuteAsync("begin transaction"); }
            catch (DuckDBException) { /* the caller rolls back whatever is open */ }
        }
        else
        {
            foreach (var model in Intermediates) await ModelRunner.DropQuietlyAsync(Main, model);
        }
    }
}
