using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Pipeline;

/// <summary>
/// Which source files a load would not even read: those whose size and last-write time are what the published
/// warehouse recorded when it last hashed them (<see cref="SourceFileCache"/>), with their bytes already loaded by
/// this extractor version. The extraction fan-out leaves them out of its batches, as the load itself does.
/// </summary>
public static class UnchangedFiles
{
    /// <summary><paramref name="files"/> without the ones known unchanged; all of them when there is no warehouse yet.</summary>
    public static async Task<IReadOnlyList<string>> ExcludeAsync(WarehouseFile warehouse, IReadOnlyList<string> files, string extractorVersion)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(files);
        if (!warehouse.Exists) return files;
        SourceFileCache cache;
        DocumentCatalog catalog;
        using (var connection = warehouse.OpenReadOnly())
        {
            var tables = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "select count(*) from duckdb_tables() where table_name in ('etl_source_file', 'stg_document')");
            if (tables < 2) return files; // a warehouse from before the file cache: every file is read
            cache = await SourceFileCache.LoadAsync(connection);
            catalog = await DocumentCatalog.LoadAsync(connection);
        }
        var known = cache.KnownLoadedHashes(files, catalog, extractorVersion, Environment.ProcessorCount);
        return files.Where((_, index) => known[index] is null).ToList();
    }
}
