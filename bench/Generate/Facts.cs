using System.Globalization;

namespace PerfEval.Bench.Generate;

/// <summary>The layouts the seeds show, plus files that are not reports at all.</summary>
public enum Layout { Narrative, Project, TableForm, Bad }

/// <summary>A sub-project of a project report: its budget and, when stated on its own, its spending.</summary>
public sealed record SubProject(string Name, decimal Budget, decimal? Spent, bool SharedWithNext);

/// <summary>An indicator row: target and actual (or a text like 合格), and the completion rate as stated.</summary>
public sealed record Indicator(IndicatorText Text, decimal? Target, decimal? Actual, string? Pass, decimal Completion, bool Wrapped);

/// <summary>
/// Everything one report states, drawn first, so that its text is rendered from these facts alone
/// (with <see cref="RenderSeed"/> for the filler) and a corrected re-submission changes one fact only.
/// </summary>
public sealed class Facts
{
    public Layout Layout { get; init; }
    public required Area Area { get; init; }
    public required DepartmentKind Kind { get; init; }
    public int Year { get; init; }
    public int RenderSeed { get; init; }
    public Artefacts Artefacts { get; init; } = Artefacts.Plain;
    /// <summary>Which wording of each statement (title, score, budget, lists) the report uses.</summary>
    public int[] Style { get; init; } = new int[8];
    public int Version { get; set; } = 1;

    public string DeptName => Area.Prefix + Kind.Name;
    /// <summary>How the report refers to itself in short: 区教育局, 市工商联.</summary>
    public string ShortName => Area.Short + Kind.Abbrev;

    public string? Project { get; init; }
    public List<SubProject> Subs { get; init; } = [];

    public decimal? Initial { get; set; }
    public decimal Budget { get; set; }
    public decimal Spent { get; set; }
    public decimal Rate => Budget == 0 ? 0 : Round2(Spent / Budget * 100m);

    public List<(string Name, decimal Max, decimal Score)> Parts { get; } = [];
    public decimal Total { get; set; }
    public string Grade => Total >= 90 ? "优" : Total >= 80 ? "良" : Total >= 60 ? "中" : "差";
    public List<(DeductionText Text, decimal Points, int M1, int M2)> Deductions { get; } = [];
    public List<Indicator> Indicators { get; } = [];
    public List<ProblemText> Problems { get; } = [];
    public List<string> Measures { get; } = [];

    public static decimal Round2(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);

    /// <summary>An amount as the reports write it: 563.20, or 563.2 when the writer drops the zero.</summary>
    public string Money(decimal v) => Style[7] % 2 == 0
        ? v.ToString("0.00", CultureInfo.InvariantCulture)
        : v.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Num(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Draws the facts of one report of the given layout.</summary>
    public static Facts Draw(Random rng, Layout layout, Area area, DepartmentKind kind, int year)
    {
        var f = new Facts
        {
            Layout = layout, Area = area, Kind = kind, Year = year, RenderSeed = rng.Next(),
            Artefacts = DrawArtefacts(rng),
            Style = [.. Enumerable.Range(0, 8).Select(_ => rng.Next(1000))],
            Project = layout == Layout.Project ? Pick(rng, kind.Projects) : null,
        };
        var scale = area.Level == "city" ? 8m : 1m;
        var names = kind.Projects.Where(p => p != f.Project).OrderBy(_ => rng.Next()).Take(rng.Next(2, 6)).ToList();
        {
            for (var i = 0; i < names.Count; i++)
            {
                var budget = Round2((decimal)(rng.NextDouble() * 40 + 2));
                decimal? spent = rng.Next(6) switch
                {
                    0 => 0m,
                    1 => null,
                    _ => Round2(budget * (decimal)(0.6 + rng.NextDouble() * 0.4)),
                };
                var shared = spent is not null && i + 1 < names.Count && rng.Next(8) == 0;
                f.Subs.Add(new SubProject(names[i], budget, shared ? null : spent, shared));
            }
        }
        if (layout == Layout.Project)
        {
            f.Budget = f.Subs.Sum(s => s.Budget);
            f.Spent = Round2(f.Budget * (decimal)(0.85 + rng.NextDouble() * 0.15));
        }
        else
        {
            f.Budget = Round2((decimal)(rng.NextDouble() * 3000 + 150) * scale);
            var rate = rng.Next(4) == 0 ? 1m : (decimal)(0.88 + rng.NextDouble() * 0.12);
            f.Spent = Round2(f.Budget * rate);
            f.Initial = Round2(f.Budget * (decimal)(0.8 + rng.NextDouble() * 0.45));
        }
        DrawScore(rng, f);
        DrawIndicators(rng, f);
        foreach (var p in Phrases.Problems.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4))) f.Problems.Add(p);
        foreach (var m in Phrases.Measures.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4))) f.Measures.Add(m);
        return f;
    }

    static void DrawScore(Random rng, Facts f)
    {
        var wide = rng.Next(3) == 0;
        (string Name, decimal Max)[] parts = wide ? [("履职效能", 60), ("管理效率", 40)] : [("履职效能", 50), ("管理效率", 50)];
        var lost = new Dictionary<string, decimal> { ["履职效能"] = 0, ["管理效率"] = 0 };
        decimal[] points = [0.06m, 0.1m, 0.2m, 0.5m, 1m, 1.5m, 2m];
        foreach (var d in Phrases.Deductions.OrderBy(_ => rng.Next()).Take(rng.Next(0, 4)))
        {
            var p = points[rng.Next(points.Length)];
            if (p > d.MaxPoints) p = d.MaxPoints;
            var m1 = rng.Next(1, 7);
            f.Deductions.Add((d, p, m1, m1 + rng.Next(1, 5)));
            lost[d.Section] += p;
        }
        // Points lost that the report does not itemise.
        lost["管理效率"] += points[rng.Next(points.Length)] * rng.Next(0, 2);
        foreach (var (name, max) in parts) f.Parts.Add((name, max, max - lost[name]));
        f.Total = f.Parts.Sum(p => p.Score);
    }

    static void DrawIndicators(Random rng, Facts f)
    {
        foreach (var t in Phrases.Indicators.OrderBy(_ => rng.Next()).Take(rng.Next(4, 8)))
        {
            decimal target, actual;
            if (t.Rate)
            {
                target = new[] { 80m, 90m, 95m, 100m }[rng.Next(4)];
                actual = Math.Min(100m, target + rng.Next(0, 6));
            }
            else
            {
                target = rng.Next(1, 60);
                actual = target + rng.Next(-1, (int)target / 2 + 2);
                if (actual < 1) actual = 1;
            }
            var completion = Math.Round(actual / target * 100m, 0);
            if (rng.Next(4) == 0) completion = Math.Min(completion, 100m); // as stated, even when over-achieved
            f.Indicators.Add(new Indicator(t, target, actual, null, completion, t.Name.Length > 6 && rng.Next(3) == 0));
        }
        if (rng.Next(3) == 0)
            f.Indicators.Add(new Indicator(new IndicatorText("工作质量达标情况", "", false, "产出指标", "质量指标"), null, null, "合格", 100m, false));
    }

    static Artefacts DrawArtefacts(Random rng)
    {
        var r = rng.Next(100);
        var encoding = r < 8 ? "gb18030" : r < 12 ? "utf-16le" : r < 15 ? "utf-8-bom" : "utf-8";
        return new Artefacts(rng.Next(100) < 35, rng.Next(100) < 30, rng.Next(100) < 5, encoding);
    }

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
