using System.Text;

namespace PerfEval.Tests.Warehouse.Fixtures;

/// <summary>
/// A corpus big enough that a child-process load takes a few seconds: <see cref="Copies"/> variants of each
/// seed report (each ends with its own attachment number, so every file is a new document), in a folder whose
/// name has Chinese characters and a space. Generated once for the tests that share it.
/// </summary>
public sealed class LoadCorpus : IDisposable
{
    /// <summary>
    /// Variants per seed: 5 × 160 = 800 documents, about 2 s of loading in a fresh process on two idle cores (more
    /// on more cores), so that a kill 0.3 s in still finds the load running when the test thread is slow to wake.
    /// </summary>
    public static int Copies { get; } = 160 * Math.Max(1, Environment.ProcessorCount / 2);

    public LoadCorpus()
    {
        Root = Directory.CreateTempSubdirectory("perfeval-corpus-").FullName;
        Seeds = Path.Combine(Root, "种子 报告");
        Folder = Path.Combine(Root, "批量 副本");
        Directory.CreateDirectory(Seeds);
        Directory.CreateDirectory(Folder);
        foreach (var file in SeedFiles)
        {
            File.Copy(file, Path.Combine(Seeds, Path.GetFileName(file)));
            var text = File.ReadAllText(file, Encoding.UTF8);
            for (var i = 1; i <= Copies; i++)
                File.WriteAllText(Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(file)} 副本{i:000}.txt"), $"{text}\n附件编号：{i}\n", new UTF8Encoding(false));
        }
    }

    /// <summary>The five seed reports of samples/, as copied to the test output.</summary>
    public static IReadOnlyList<string> SeedFiles =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples"), "*.txt").Order(StringComparer.Ordinal).ToList();

    public string Root { get; }

    /// <summary>A folder holding only the five seeds.</summary>
    public string Seeds { get; }

    /// <summary>The folder of <see cref="Documents"/> variants.</summary>
    public string Folder { get; }

    public int Documents => SeedFiles.Count * Copies;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

/// <summary>
/// Tests that run <c>perfeval</c> loads as child processes share the corpus and run one after another, so their
/// timing (kill points, a query outlasting a load) is not thrown off by each other's loads.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildProcessLoads : ICollectionFixture<LoadCorpus>
{
    public const string Name = "child-process loads";
}
