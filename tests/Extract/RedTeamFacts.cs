using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract;

/// <summary>
/// Reports the extractor was not written against (36 in the first round, 35 in the second): other departments, cities and provinces, the national
/// project table (tab, pipe and one cell per line), Guangdong scoring tables, OCR noise, GB18030, UTF-16,
/// and traps (publication dates, cited notices, scoring rules, mid-year figures, another report's tail).
/// Hand-read expectations in fixtures/redteam/expected.json. No value may be wrong.
/// </summary>
public sealed class RedTeamFacts
{
    /// <summary>Two rounds of red-team fixtures, each written by someone who read the rules to break them.</summary>
    [Theory]
    [InlineData("redteam")]
    [InlineData("redteam2")]
    public void Extract_UnseenReports_NoWrongValueAndMostFound(string round)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "Extract", "fixtures", round);
        var scorer = GoldenScorer.Load(Path.Combine(dir, "expected.json"));
        int ok = 0, missing = 0, wrong = 0, badEvidence = 0;
        var report = new List<string>();
        foreach (var name in scorer.Names)
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir, name));
            var result = scorer.Score(name, Extractor.Extract(bytes, name), bytes);
            ok += result.Ok; missing += result.Missing; wrong += result.Wrong; badEvidence += result.EvidenceBad;
            if (result.Wrong > 0 || result.EvidenceBad > 0) report.Add(result.Report());
        }
        var accuracy = 100.0 * ok / (ok + missing + wrong);

        wrong.ShouldBe(0, string.Join("\n", report));
        badEvidence.ShouldBe(0, string.Join("\n", report));
        accuracy.ShouldBeGreaterThanOrEqualTo(90.0, $"ok={ok} missing={missing}");
    }
}
