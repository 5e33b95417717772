using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PerfEval.Tests.Extract;

/// <summary>The C# scorer applies score_extract.py's rules; when Python and the tool are at hand, it agrees with it.</summary>
public sealed partial class GoldenScorerFacts
{
    static GoldenScorer Scorer(string expected) => new(JsonNode.Parse(expected)!.AsObject());

    static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Score_NumberWithinTolerance_IsOk()
    {
        var result = Scorer("""{"a.txt": {"score": {"total": 98.94}}}""").Score("a.txt", Obj("""{"score": {"total": 98.944}}"""));

        (result.Ok, result.Missing, result.Wrong).ShouldBe((1, 0, 0));
    }

    [Fact]
    public void Score_NumberOutsideTolerance_IsWrong()
    {
        var result = Scorer("""{"a.txt": {"budget": {"spent_wan": 563.2}}}""").Score("a.txt", Obj("""{"budget": {"spent_wan": 563.21}}"""));

        result.Wrong.ShouldBe(1);
        result.Lines.ShouldHaveSingleItem().ShouldStartWith("WRONG   a.txt:budget.spent_wan");
    }

    [Fact]
    public void Score_NullWhereValueExpected_IsMissingNotWrong()
    {
        var result = Scorer("""{"a.txt": {"year": 2022, "score": {"total": 99}}}""").Score("a.txt", Obj("""{"year": null, "score": {}}"""));

        (result.Ok, result.Missing, result.Wrong).ShouldBe((0, 2, 0));
    }

    [Fact]
    public void Score_ExpectedNull_RequiresNull()
    {
        var scorer = Scorer("""{"a.txt": {"project_name": null}}""");

        scorer.Score("a.txt", Obj("""{"project_name": null}""")).Ok.ShouldBe(1);
        scorer.Score("a.txt", Obj("""{"project_name": "x"}""")).Wrong.ShouldBe(1);
    }

    [Fact]
    public void Score_AnyOf_AcceptsEveryListedValue()
    {
        var scorer = Scorer("""{"a.txt": {"budget": {"spent_wan": {"any_of": [435.27, 435.94]}}}}""");

        scorer.Score("a.txt", Obj("""{"budget": {"spent_wan": 435.94}}""")).Ok.ShouldBe(1);
        scorer.Score("a.txt", Obj("""{"budget": {"spent_wan": 89.93}}""")).Wrong.ShouldBe(1);
        scorer.Score("a.txt", Obj("""{"budget": {}}""")).Missing.ShouldBe(1);
    }

    [Fact]
    public void Score_StringsDifferingInWhitespaceAndFinalFullStop_Match()
    {
        var result = Scorer("""{"a.txt": {"department": {"name": "广州市 工商业联合会"}}}""").Score("a.txt", Obj("""{"department": {"name": "广州市工商业\n联合会。"}}"""));

        result.Ok.ShouldBe(1);
    }

    [Fact]
    public void Score_BooleanAgainstNumber_IsWrong()
    {
        var result = Scorer("""{"a.txt": {"department": {"inferred": true}}}""").Score("a.txt", Obj("""{"department": {"inferred": 1}}"""));

        result.Wrong.ShouldBe(1);
    }

    [Fact]
    public void Score_RowsMatchedByContainedName_AndUnmatchedRowsAreMissing()
    {
        var scorer = Scorer("""{"a.txt": {"projects": [{"name": "企业家培训费", "budget_wan": 18, "spent_wan": 17.97}, {"name": "调研考察费", "budget_wan": 7}]}}""");

        var result = scorer.Score("a.txt", Obj("""{"projects": [{"name": "（六）企业家 培训费", "budget_wan": 18, "spent_wan": 17.9}]}"""));

        (result.Ok, result.Missing, result.Wrong).ShouldBe((1, 1, 1));
    }

    [Fact]
    public void Score_Deductions_MatchedByIndicatorWithSectionAndCauses()
    {
        var scorer = Scorer("""
            {"a.txt": {"deductions": [{"section": "履职效能", "indicator": "部门预算资金支出率", "max_points": 10, "points": 0.06, "causes": ["spending_pace"]}]}}
            """);

        var right = scorer.Score("a.txt", Obj("""
            {"deductions": [{"section": "履职效能", "indicator": "部门预算资金支出率", "max_points": 10, "points": 0.06, "causes": ["epidemic", "spending_pace"]}]}
            """));
        var wrongSection = scorer.Score("a.txt", Obj("""
            {"deductions": [{"section": "管理效率", "indicator": "预算资金支出率", "max_points": 10, "points": 0.06, "causes": []}]}
            """));
        var none = scorer.Score("a.txt", Obj("""{"deductions": []}"""));

        (right.Ok, right.Missing, right.Wrong).ShouldBe((5, 0, 0));
        (wrongSection.Ok, wrongSection.Missing, wrongSection.Wrong).ShouldBe((3, 1, 1));
        (none.Ok, none.Missing, none.Wrong).ShouldBe((0, 5, 0));
    }

    [Fact]
    public void Score_CauseSet_IsSubsetOfDeductionAndProblemCauses()
    {
        var scorer = Scorer("""{"a.txt": {"cause_set": ["spending_pace", "disclosure", "epidemic"]}}""");

        var result = scorer.Score("a.txt", Obj("""
            {"deductions": [{"causes": ["spending_pace"]}], "problems": [{"text": "x", "causes": ["epidemic", "other"]}]}
            """));

        (result.Ok, result.Missing, result.Wrong).ShouldBe((2, 1, 0));
    }

    [Fact]
    public void Score_Counts_AreExactListLengths()
    {
        var scorer = Scorer("""{"a.txt": {"measures_count": 2, "deductions_count": 0, "indicators_count": 0}}""");

        var result = scorer.Score("a.txt", Obj("""{"measures": ["a", "b", "c"], "deductions": [], "indicators": null}"""));

        (result.Ok, result.Missing, result.Wrong).ShouldBe((2, 0, 1));
    }

    [Fact]
    public void Score_ScoreParts_AreRowsByName()
    {
        var scorer = Scorer("""{"a.txt": {"score": {"total": 99, "parts": [{"name": "履职效能", "max": {"any_of": [50, null]}, "score": 50}]}}}""");

        var result = scorer.Score("a.txt", Obj("""{"score": {"total": 99, "parts": [{"name": "履职效能", "max": null, "score": 50}]}}"""));

        (result.Ok, result.Missing, result.Wrong).ShouldBe((3, 0, 0));
    }

    [Fact]
    public void Score_MissingExtractObject_CountsEveryLeafMissing()
    {
        var result = Scorer("""{"a.txt": {"year": 2021, "score": {"total": 1}, "cause_set": ["a", "b"], "projects": [{"name": "p", "budget_wan": 1}]}}""")
            .Score("a.txt", (JsonObject?)null);

        result.Missing.ShouldBe(1 + 1 + 2 + 2);
    }

    [Fact]
    public void Score_Evidence_MustBeSubstringOfItsOneBasedLine()
    {
        var source = Encoding.UTF8.GetBytes("标题\r\n自评总分为98.94分\r预算完成率\t99.68%\n");
        var scorer = Scorer("""{"a.txt": {}}""");

        var result = scorer.Score("a.txt", Obj("""
            {"evidence": {
              "score.total": {"line": 2, "quote": "98.94分"},
              "budget.execution_rate_pct": {"line": 3, "quote": "预算完成率\t99.68%"},
              "budget.spent_wan": {"line": 2, "quote": "99.68"},
              "budget.budget_wan": {"line": 9, "quote": "x"},
              "budget.initial_wan": {"line": 1, "quote": ""}}}
            """), source);

        result.EvidenceBad.ShouldBe(3);
    }

    [Fact]
    public void SourceText_Gb18030Bytes_DecodeForEvidence()
    {
        var bytes = SourceText.Gb18030Strict.GetBytes("部门整体支出绩效自评表\r\n预算完成率\t99.68%");

        SourceText.Lines(SourceText.Decode(bytes)!).ShouldBe(["部门整体支出绩效自评表", "预算完成率\t99.68%"]);
    }

    [SkippableFact]
    public void ScoreAll_AgreesWithScoreExtractPy()
    {
        var tool = SourceText.SharedFile(Path.Combine("tools", "score_extract.py"));
        Skip.If(tool is null, "shared/tools/score_extract.py is not next to this checkout");
        Skip.If(!CanRun("python3"), "python3 is not installed");

        // An extract array that gets some checks right, some wrong, some missing, and some evidence bad.
        var actual = Mutate(GoldenSeedFacts.Scorer.Value.Expected);
        var path = Path.Combine(Path.GetTempPath(), $"perfeval-score-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, actual.ToJsonString(), new UTF8Encoding(false));
        try
        {
            var python = Run("python3", tool!, SourceText.GoldenPath, path, "--sources", SourceText.SamplesDir);
            var csharp = GoldenSeedFacts.Scorer.Value.ScoreAll(actual, SourceText.SamplesDir);

            python.TrimEnd().Split('\n')[^1].ShouldBe(csharp.Summary);
            Labels(python.TrimEnd().Split('\n')[..^1]).ShouldBe(Labels(csharp.Lines));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Turns expectations into a plausible extract array with a mix of right, wrong and missing values.</summary>
    static JsonArray Mutate(JsonObject expected)
    {
        var array = new JsonArray();
        var n = 0;
        foreach (var (name, exp) in expected)
        {
            if (name == "about" || name.StartsWith("003", StringComparison.Ordinal)) continue; // 003: no extract object at all
            var act = new JsonObject { ["source"] = $"samples/{name}" };
            foreach (var (k, v) in exp!.AsObject())
            {
                n++;
                if (k == "cause_set") act["problems"] = new JsonArray(new JsonObject { ["text"] = "x", ["causes"] = v!.DeepClone() });
                else if (k.EndsWith("_count", StringComparison.Ordinal)) act[k[..^6]] ??= new JsonArray([.. Enumerable.Range(0, n % 3).Select(i => (JsonNode?)new JsonObject { ["name"] = $"row {i}" })]);
                else act[k] = Twist(v, ref n);
            }
            act["evidence"] = new JsonObject
            {
                ["score.total"] = new JsonObject { ["line"] = 3, ["quote"] = "" },
                ["budget.spent_wan"] = new JsonObject { ["line"] = 1, ["quote"] = "\n" },
            };
            array.Add(act);
        }
        return array;
    }

    static JsonNode? Twist(JsonNode? v, ref int n)
    {
        n++;
        switch (v)
        {
            case JsonObject o when o["any_of"] is JsonArray a:
                return n % 2 == 0 ? a[0]?.DeepClone() : JsonValue.Create(-1);
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (k, x) in o) copy[k] = Twist(x, ref n);
                return copy;
            case JsonArray a:
                var rows = new JsonArray();
                foreach (var x in a)
                    if (n++ % 4 != 0) rows.Add(Twist(x, ref n)); // every fourth row left out
                return rows;
            case JsonValue when n % 5 == 0:
                return null;
            case JsonValue x when n % 7 == 0 && x.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                return JsonValue.Create(x.GetValue<double>() + 1);
            default:
                return v?.DeepClone();
        }
    }

    /// <summary>The kind and place of each failure line, leaving out how values are printed (Python repr vs JSON).</summary>
    static List<string> Labels(IEnumerable<string> lines) =>
        [.. lines.Select(l => LabelPattern().Match(l).Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^(missing|WRONG|EVIDENCE) +[^ ]+?(?=: |$)")]
    private static partial Regex LabelPattern();

    static bool CanRun(string exe)
    {
        try { Run(exe, "--version"); return true; }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    static string Run(string exe, params string[] args)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Length > 0 ? output : error.Result;
    }
}
