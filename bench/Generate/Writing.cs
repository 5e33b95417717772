using System.Globalization;
using System.Text;

namespace PerfEval.Bench.Generate;

/// <summary>Pieces every layout writes the same way: filler prose, enumerated lists, the truth's header fields.</summary>
public static class Writing
{
    static readonly string[] ChineseNumbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static string Cn(int n) => ChineseNumbers[n - 1];

    /// <summary>One paragraph of 2–5 filler sentences about the department's work.</summary>
    public static string Filler(Random rng, Facts f)
    {
        var sb = new StringBuilder();
        var count = rng.Next(2, 6);
        for (var i = 0; i < count; i++)
        {
            var s = Facts.Pick(rng, Phrases.Filler)
                .Replace("{work}", Facts.Pick(rng, f.Kind.Work), StringComparison.Ordinal)
                .Replace("{self}", f.ShortName, StringComparison.Ordinal)
                .Replace("{n}", rng.Next(2, 40).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{m}", rng.Next(50, 9000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            sb.Append(s).Append(i + 1 < count ? '；' : '。');
        }
        return sb.ToString();
    }

    /// <summary>Filler paragraphs until the text reaches about <paramref name="chars"/> characters.</summary>
    public static void FillTo(Doc doc, Random rng, Facts f, int chars, ref int written, bool numbered)
    {
        var n = 1;
        do
        {
            var p = Filler(rng, f);
            if (numbered) p = $"{n++}. " + p;
            doc.Para(p);
            written += p.Length;
        }
        while (written < chars);
    }

    /// <summary>
    /// A list (problems or measures) in one of four styles: inline 一是…；二是…, or one paragraph per item
    /// led by (一), 1. or 一是. Returns the number of items written.
    /// </summary>
    public static int List(Doc doc, IReadOnlyList<string> items, int style)
    {
        switch (style % 4)
        {
            case 0:
                doc.Para(items.Count == 1 ? items[0] + "。" : string.Concat(items.Select((t, i) => $"{Cn(i + 1)}是{t}{(i + 1 < items.Count ? "；" : "。")}")));
                break;
            case 1:
                for (var i = 0; i < items.Count; i++) doc.Para($"（{Cn(i + 1)}）{items[i]}。");
                break;
            case 2:
                for (var i = 0; i < items.Count; i++) doc.Para($"{i + 1}.{items[i]}。");
                break;
            default:
                for (var i = 0; i < items.Count; i++) doc.Para($"{Cn(i + 1)}是{items[i]}。");
                break;
        }
        return items.Count;
    }

    /// <summary>The truth fields every report has: kind, department, year, problems and measures.</summary>
    public static Truth BaseTruth(Facts f, string kind)
    {
        var t = new Truth
        {
            ReportKind = kind, DepartmentName = f.DeptName, Area = f.Area, Year = f.Year,
            ProjectName = f.Project, Measures = f.Measures.Count,
        };
        foreach (var p in f.Problems) t.Problems.Add(p.Causes);
        return t;
    }

    public static string Pct(decimal v) => Facts.Num(v) + "%";
}
