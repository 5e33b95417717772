using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract;

/// <summary>
/// 36 reports the extractor was not written against: other departments, cities and provinces, the national
/// project table (tab, pipe and one cell per line), Guangdong scoring tables, OCR noise, GB18030, UTF-16,
/// and traps (publication dates, cited notices, scoring rules, mid-year figures, another report's tail).
/// Hand-read expectations in fixtures/redteam/expected.json. No value may be wrong.
/// </summary>
public sealed class RedTeamFacts
{
    static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Extract", "fixtures", "redteam");
    static readonly Lazy<GoldenScorer> Scorer = new(() => GoldenScorer.Load(Path.Combine(Dir, "expected.json")));

    [Fact]
    public void Extract_UnseenReports_NoWrongValueAndMostFound()
    {
        int ok = 0, missing = 0, wrong = 0, badEvidence = 0;
        var report = new List<string>();
        foreach (var name in Scorer.Value.Names)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Dir, name));
            var result = Scorer.Value.Score(name, Extractor.Extract(bytes, name), bytes);
            ok += result.Ok; missing += result.Missing; wrong += result.Wrong; badEvidence += result.EvidenceBad;
            if (result.Wrong > 0 || result.EvidenceBad > 0) report.Add(result.Report());
        }
        var accuracy = 100.0 * ok / (ok + missing + wrong);

        wrong.ShouldBe(0, string.Join("\n", report));
        badEvidence.ShouldBe(0, string.Join("\n", report));
        accuracy.ShouldBeGreaterThanOrEqualTo(90.0, $"ok={ok} missing={missing}");
    }
}
