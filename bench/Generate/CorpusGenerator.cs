using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfEval.Bench.Generate;

/// <summary>One generated file: where it goes (relative to the corpus root), its bytes and its truth.</summary>
public sealed record GeneratedFile(string RelativePath, byte[] Bytes, JsonObject Truth);

/// <summary>
/// Writes a synthetic corpus: N files under city/district folders and truth.jsonl beside them, deterministic
/// for a seed. Streaming: each document is drawn from its own seed, written and forgotten.
/// </summary>
public static class CorpusGenerator
{
    public const string TruthFile = "truth.jsonl";
    public const string ManifestFile = "corpus.json";
    public const string Version = "1";

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static readonly int[] Years = [2019, 2020, 2021, 2022, 2023, 2024];

    /// <summary>Generates the corpus into <paramref name="outDir"/>; returns the bytes written.</summary>
    public static long Generate(int docs, string outDir, int seed)
    {
        Directory.CreateDirectory(outDir);
        long bytes = 0;
        using (var truth = new StreamWriter(Path.Combine(outDir, TruthFile), false, new UTF8Encoding(false)))
        {
            foreach (var file in Files(docs, seed))
            {
                var path = Path.Combine(outDir, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, file.Bytes);
                truth.WriteLine(file.Truth.ToJsonString(Json));
                bytes += file.Bytes.Length;
            }
        }
        var manifest = new JsonObject { ["generator"] = Version, ["docs"] = docs, ["seed"] = seed, ["bytes"] = bytes };
        File.WriteAllText(Path.Combine(outDir, ManifestFile), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return bytes;
    }

    /// <summary>True when <paramref name="dir"/> already holds a corpus of this size (any seed) from this generator version.</summary>
    public static bool IsCorpus(string dir, int docs)
    {
        var path = Path.Combine(dir, ManifestFile);
        if (!File.Exists(path) || !File.Exists(Path.Combine(dir, TruthFile))) return false;
        var m = JsonNode.Parse(File.ReadAllText(path));
        return m?["docs"]?.GetValue<int>() == docs && m["generator"]?.GetValue<string>() == Version;
    }

    /// <summary>The seed a corpus was generated with, from its manifest.</summary>
    public static int? SeedOf(string dir)
    {
        var path = Path.Combine(dir, ManifestFile);
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["seed"]?.GetValue<int>() : null;
    }

    /// <summary>The corpus, lazily: document i depends only on (seed, i) and, for a re-submission, on i − 1.</summary>
    public static IEnumerable<GeneratedFile> Files(int docs, int seed)
    {
        for (var i = 0; i < docs; i++) yield return Document(i, seed);
    }

    /// <summary>Document <paramref name="index"/> of the corpus for <paramref name="seed"/>.</summary>
    public static GeneratedFile Document(int index, int seed)
    {
        var rng = new Random(Mix(seed, index));
        var roll = rng.Next(1000);
        if (roll < 20)
        {
            var f = Draw(index, seed, Layout.Narrative);
            var (bytes, tag) = BadFiles.Make(rng, f);
            return new GeneratedFile(Name(f, index, tag), bytes, new Truth { Status = "rejected" }.ToJson(Name(f, index, tag)));
        }
        if (roll < 45 && index > 0 && Original(index - 1, seed) is { } previous)
        {
            // A corrected re-submission of the previous report: same unit, year and kind, one figure changed.
            Amend(previous, rng);
            return Render(previous, index, "_v2");
        }
        return Render(Original(index, seed) ?? Draw(index, seed, Layout.Narrative), index, "");
    }

    /// <summary>Original report <paramref name="index"/> with one figure changed, at the same path; null when it is not an original report.</summary>
    public static GeneratedFile? Amended(int index, int seed)
    {
        if (Original(index, seed) is not { } f) return null;
        Amend(f, new Random(index));
        return Render(f, index, "");
    }

    /// <summary>The facts of document i when it is an original report (not bad, not a re-submission); else null.</summary>
    static Facts? Original(int index, int seed)
    {
        var roll = new Random(Mix(seed, index)).Next(1000);
        if (roll < 20 || roll < 45 && index > 0 && Original(index - 1, seed) is not null && roll >= 20) return null;
        var r = new Random(Mix(seed, index) ^ 0x5bd1e995).Next(100);
        return Draw(index, seed, r < 50 ? Layout.Narrative : r < 80 ? Layout.Project : Layout.TableForm);
    }

    static Facts Draw(int index, int seed, Layout layout)
    {
        var rng = new Random(Mix(seed, index) ^ 0x2545F491);
        var areas = Areas.All;
        var kinds = DepartmentKinds.All;
        // Department reports walk the (area, kind, year) space in a shuffled order, so none repeats before it is exhausted.
        var order = Order(seed, areas.Count * kinds.Length * Years.Length);
        var k = order[index % order.Length];
        var area = layout == Layout.Project ? Facts.Pick(rng, areas) : areas[k % areas.Count];
        var kind = layout == Layout.Project ? Facts.Pick(rng, kinds) : kinds[k / areas.Count % kinds.Length];
        var year = layout == Layout.Project ? Facts.Pick(rng, Years) : Years[k / areas.Count / kinds.Length];
        return Facts.Draw(rng, layout, area, kind, year);
    }

    static (int Seed, int[] Order)? _order;

    /// <summary>A shuffle of 0..size-1 for the seed (Fisher–Yates), cached: the walk through the department space.</summary>
    static int[] Order(int seed, int size)
    {
        if (_order is { } o && o.Seed == seed && o.Order.Length == size) return o.Order;
        var order = Enumerable.Range(0, size).ToArray();
        var rng = new Random(seed);
        for (var i = size - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        _order = (seed, order);
        return order;
    }

    static void Amend(Facts f, Random rng)
    {
        f.Version = 2;
        if (f.Layout == Layout.Project) f.Total -= rng.Next(2) == 0 ? 0.5m : 1m;
        else f.Spent = Facts.Round2(f.Spent - (decimal)(rng.Next(100, 5000) / 100.0));
    }

    static GeneratedFile Render(Facts f, int index, string suffix)
    {
        var (doc, truth) = f.Layout switch
        {
            Layout.Project => ProjectReport.Render(f),
            Layout.TableForm => TableFormReport.Render(f),
            _ => NarrativeReport.Render(f),
        };
        var bytes = doc.Encode(doc.Render(f.Artefacts), f.Artefacts.Encoding);
        var tag = f.Layout switch { Layout.Project => "project", Layout.TableForm => "form", _ => "dept" };
        var name = Name(f, index, tag + suffix);
        return new GeneratedFile(name, bytes, truth.ToJson(name));
    }

    static string Name(Facts f, int index, string tag) =>
        Path.Combine(f.Area.Folder, $"synthetic_{index:D6}_{f.Year}_{f.Kind.Abbrev}_{tag}.txt").Replace('\\', '/');

    /// <summary>A well-spread 31-bit seed for document <paramref name="index"/> (SplitMix64 finaliser).</summary>
    static int Mix(int seed, int index)
    {
        var z = (ulong)(uint)seed << 32 | (uint)index;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
