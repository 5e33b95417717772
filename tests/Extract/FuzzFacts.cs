using System.Diagnostics;
using System.Text;
using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract;

/// <summary>
/// Thousands of mutated seeds (lines deleted, duplicated, swapped; cuts; random bytes and numbers inserted):
/// the extractor never fails inside, never exceeds its time bound, and every evidence quote it gives is in
/// the quoted line of the text it was given.
/// </summary>
public sealed class FuzzFacts
{
    /// <summary>Mutations per run; PERFEVAL_FUZZ_ITERATIONS raises it for a long local run.</summary>
    static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("PERFEVAL_FUZZ_ITERATIONS"), out var n) ? n : 2500;

    [Fact]
    public void Extract_MutatedSeeds_NeverFailsAndQuotesOnlyTheText()
    {
        var seeds = Directory.GetFiles(SourceText.SamplesDir, "*.txt").Order().Select(File.ReadAllBytes).ToArray();
        var random = new Random(20261123);
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < Iterations && failures.Count < 5; i++)
        {
            var bytes = Mutate(seeds[random.Next(seeds.Length)], random);
            var clock = Stopwatch.StartNew();
            var extract = Extractor.Extract(bytes, $"fuzz-{i}.txt");
            var elapsed = clock.Elapsed;
            if (elapsed > slowest) slowest = elapsed;
            if (elapsed > Extractor.TimeBound + TimeSpan.FromSeconds(1)) failures.Add($"#{i}: took {elapsed.TotalSeconds:0.0} s");
            if (extract.Error?.StartsWith("extractor error", StringComparison.Ordinal) == true) failures.Add($"#{i}: {extract.Error}");
            if (extract.Status == ExtractStatus.Rejected) continue;
            var lines = SourceText.Lines(TextDecoder.Decode(bytes).Text ?? "");
            foreach (var (field, evidence) in extract.Evidence)
            {
                if (evidence.Line < 1 || evidence.Line > lines.Length || evidence.Quote.Length == 0 || !lines[evidence.Line - 1].Contains(evidence.Quote, StringComparison.Ordinal))
                    failures.Add($"#{i}: {field} quotes \"{evidence.Quote}\" which is not on line {evidence.Line}");
            }
        }

        failures.ShouldBeEmpty($"slowest document: {slowest.TotalMilliseconds:0} ms");
    }

    static byte[] Mutate(byte[] seed, Random random)
    {
        var text = Encoding.UTF8.GetString(seed);
        var lines = text.Split('\n').ToList();
        var steps = random.Next(1, 6);
        for (var s = 0; s < steps && lines.Count > 1; s++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(7))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                case 2: (lines[at], lines[^1]) = (lines[^1], lines[at]); break;
                case 3: lines[at] = InsertAt(lines[at], random, random.Next(0, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? "万元" : "%")); break;
                case 4: lines[at] = InsertAt(lines[at], random, RandomChars(random)); break;
                case 5: lines[at] = lines[at][..random.Next(lines[at].Length + 1)]; break;
                default: lines = lines.Take(at + 1).ToList(); break;
            }
        }
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines)).ToList();
        if (random.Next(4) == 0)
        {
            // raw random bytes, possibly in the middle of a multi-byte character
            var pos = random.Next(bytes.Count + 1);
            var junk = new byte[random.Next(1, 8)];
            random.NextBytes(junk);
            bytes.InsertRange(pos, junk);
        }
        if (random.Next(5) == 0) bytes = bytes.Take(random.Next(bytes.Count + 1)).ToList();
        return [.. bytes];
    }

    static string InsertAt(string line, Random random, string what)
    {
        var at = random.Next(line.Length + 1);
        return line[..at] + what + line[at..];
    }

    static string RandomChars(Random random)
    {
        const string pool = "0123456789.,%：:（）()自评总分得扣分预算执行率万元年度\t|— －一二三是 ";
        var sb = new StringBuilder();
        for (var i = random.Next(1, 12); i > 0; i--) sb.Append(pool[random.Next(pool.Length)]);
        return sb.ToString();
    }
}
