using System.Runtime.InteropServices;

namespace PerfEval.Etl.Warehouse;

/// <summary>
/// The memory DuckDB has freed and its allocator still keeps. Linux builds of <c>libduckdb</c> allocate through a bundled
/// jemalloc (its functions are exported as <c>duckdb_je_*</c>), which hands freed pages back to the system only after its
/// decay time, about a second: as long as a nightly rerun. So when a build's hash tables or a checkpoint's written tables
/// are freed, the process stays as large as if they were still there, and the peak of a load grew with the corpus even
/// where DuckDB's own memory did not: at 40,000 reports 115–226 MB of the peak was such pages (BENCHMARKS.md).
/// <see cref="Release(long)"/> hands them back at once (jemalloc's <c>arena.&lt;all&gt;.purge</c>): 3–13 ms here.
/// Where the library has no such allocator (Windows and macOS builds use the system's), every call does nothing.
/// </summary>
static partial class FreedPages
{
    /// <summary>jemalloc's <c>MALLCTL_ARENAS_ALL</c>: the arena index that means every arena.</summary>
    const string AllArenas = "4096";

    /// <summary>Null until the first call; then whether the loaded <c>libduckdb</c> has jemalloc's control function.</summary>
    static bool? available;

    /// <summary>jemalloc's page size (<c>arenas.page</c>: 4 KB on x64, up to 64 KB on some arm64 kernels), read once.</summary>
    static long pageBytes;

    /// <summary>
    /// Hands the pages DuckDB has freed back to the system when they come to <paramref name="atLeastBytes"/> or more, and
    /// returns how many bytes that was; returns 0 when they come to less, and null when the allocator cannot tell
    /// (no jemalloc in this build of DuckDB).
    /// </summary>
    public static long? Release(long atLeastBytes)
    {
        if (Dirty() is not { } dirty) return null;
        if (dirty < atLeastBytes) return 0;
        return Purge() ? dirty : null;
    }

    /// <summary>The bytes of the pages freed and kept (jemalloc's dirty pages), or null when the allocator cannot tell.</summary>
    public static long? Dirty()
    {
        if (available == false) return null;
        try
        {
            // Statistics are a snapshot, refreshed by writing the epoch.
            ulong epoch = 1;
            var size = (nuint)sizeof(ulong);
            if (ControlEpoch("epoch", ref epoch, ref size, ref epoch, (nuint)sizeof(ulong)) != 0) return Unavailable();
            size = (nuint)IntPtr.Size;
            if (ControlRead($"stats.arenas.{AllArenas}.pdirty", out var pages, ref size, 0, 0) != 0) return Unavailable();
            if (pageBytes == 0)
            {
                size = (nuint)IntPtr.Size;
                if (ControlRead("arenas.page", out var page, ref size, 0, 0) != 0) return Unavailable();
                pageBytes = (long)page;
            }
            available = true;
            return (long)pages * pageBytes;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Unavailable();
        }
    }

    /// <summary>Hands every arena's freed pages back to the system; false when the allocator cannot.</summary>
    static bool Purge()
    {
        try
        {
            return ControlNone($"arena.{AllArenas}.purge", 0, 0, 0, 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Unavailable();
            return false;
        }
    }

    static long? Unavailable()
    {
        available = false;
        return null;
    }

    // int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen), in three shapes.
    [LibraryImport("duckdb", EntryPoint = "duckdb_je_mallctl", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ControlEpoch(string name, ref ulong oldValue, ref nuint oldLength, ref ulong newValue, nuint newLength);

    [LibraryImport("duckdb", EntryPoint = "duckdb_je_mallctl", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ControlRead(string name, out nuint oldValue, ref nuint oldLength, nint newValue, nuint newLength);

    [LibraryImport("duckdb", EntryPoint = "duckdb_je_mallctl", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ControlNone(string name, nint oldValue, nint oldLength, nint newValue, nuint newLength);
}
