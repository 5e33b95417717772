using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Extract.Rules;

/// <summary>Extracts a small report text; every rule test goes through the public entry point.</summary>
internal static class RuleTest
{
    public static ReportExtract Parse(params string[] lines)
    {
        var extract = Extractor.ExtractText(string.Join("\n", lines), "test.txt");
        extract.Status.ShouldNotBe(ExtractStatus.Rejected, extract.Error);
        return extract;
    }

    /// <summary>A minimal department report around the given body lines.</summary>
    public static ReportExtract Department(params string[] body) =>
        Parse(["广州市荔湾区财政局2023年度部门整体支出绩效自评报告", .. body]);

    /// <summary>The evidence quote must be an exact substring of its line in the text.</summary>
    public static void ShouldQuote(this ReportExtract extract, string field, string[] lines, string expectedQuotePart)
    {
        var all = string.Join("\n", lines).Split('\n');
        extract.Evidence.ShouldContainKey(field);
        var e = extract.Evidence[field];
        all[e.Line - 1].ShouldContain(e.Quote);
        e.Quote.ShouldContain(expectedQuotePart);
    }
}
