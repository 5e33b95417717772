using Dapper;
using DuckDB.NET.Data;
using PerfEval.Etl.Warehouse;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Stage;

/// <summary>
/// The pages DuckDB has freed and its allocator keeps (<see cref="FreedPages"/>). These read and change the whole process's
/// allocator, and the resident size, so they run alone.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class FreedPagesFacts
{
    [Fact]
    public async Task WhatAQueryFreed_IsCounted_AndReleasingItShrinksTheProcess()
    {
        if (!OperatingSystem.IsLinux())
        {
            // Other builds of DuckDB use the system's allocator: nothing to count, and nothing is done.
            if (FreedPages.Dirty() is null) FreedPages.Release(0).ShouldBeNull();
            return;
        }
        // Linux builds of libduckdb bundle jemalloc: an upgrade that drops its exports must fail here, not go unnoticed.
        FreedPages.Dirty().ShouldNotBeNull("libduckdb exports duckdb_je_mallctl");
        FreedPages.Release(0);

        // An open database: closing one hands its memory back itself.
        using var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync();
        // A hash aggregate of three million keys: tens of MB, freed when the query ends.
        (await connection.ExecuteScalarAsync<long>("select count(*) from (select distinct range * 7 from range(3000000))")).ShouldBe(3_000_000);
        var freed = FreedPages.Dirty()!.Value;
        freed.ShouldBeGreaterThan(16L << 20, "the query's hash table is freed, and kept");
        // Below the threshold nothing is released.
        FreedPages.Release(long.MaxValue).ShouldBe(0);
        FreedPages.Dirty()!.Value.ShouldBeGreaterThan(16L << 20);

        var residentBefore = ResidentAnonymousBytes();
        var released = FreedPages.Release(16L << 20);
        released.ShouldNotBeNull();
        released.Value.ShouldBeGreaterThan(16L << 20);
        FreedPages.Dirty()!.Value.ShouldBeLessThan(released.Value / 2);
        (residentBefore - ResidentAnonymousBytes()).ShouldBeGreaterThan(released.Value / 2, "the pages went back to the system");
    }

    [Fact]
    public async Task ALoad_ReleasesFreedPages_OnlyUnderAMemoryLimit()
    {
        using var warehouse = new TempWarehouse();
        var file = new WarehouseFile(warehouse.WarehousePath);
        using var loadLock = await file.AcquireLoadLockAsync();
        await using (var bounded = await file.BeginLoadAsync(loadLock, "256MB"))
            bounded.ReleaseFreedPages().ShouldNotBeNull(OperatingSystem.IsLinux() ? "a quarter of 256 MB is the threshold" : null);
        await using (var unbounded = await file.BeginLoadAsync(loadLock, memoryLimit: null))
            unbounded.ReleaseFreedPages().ShouldBeNull("without a limit the load leaves its allocator as it is");
    }

    static long ResidentAnonymousBytes() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}

/// <summary>Runs <see cref="FreedPagesFacts"/> alone: other tests' queries would free and allocate beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "freed pages";
}
