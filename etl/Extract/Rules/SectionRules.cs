using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>
/// Lists under a heading: problems (存在的主要问题) and measures (改进措施 / 下一步计划), one entry per
/// enumerated item (一是… 二是…, (一)…, 1. …) or per paragraph.
/// </summary>
internal static partial class SectionRules
{
    enum Kind { None, Problems, Measures, Other }

    sealed record Paragraph(int Start, string Text, int End);

    public static void Apply(ParseContext ctx)
    {
        var paragraphs = ctx.Paragraphs().Select(p => new Paragraph(p.Start, p.Text.Trim('\t', ' '), p.Start + p.Text.Length)).Where(p => p.Text.Length > 0).ToList();
        var current = Kind.None;
        var level = 0;
        var body = new List<Paragraph>();
        foreach (var paragraph in paragraphs)
        {
            ctx.Budget.Check();
            var p = paragraph;
            var heading = HeadingKind(p.Text, out var headingLevel);
            if (heading == Kind.None && InlineHeading().Match(p.Text) is { Success: true } inline)
            {
                // "（一）存在的问题：①…；②…": a heading with its list on the same line.
                heading = ProblemHeading().IsMatch(inline.Groups["keyword"].Value) ? Kind.Problems : Kind.Measures;
                headingLevel = MarkerLevel(p.Text);
                Flush(ctx, current, body);
                current = heading;
                level = headingLevel;
                body.Clear();
                var restStart = p.Text.Length - inline.Groups["rest"].Length;
                body.Add(new Paragraph(p.Start + (p.End - p.Start - p.Text.Length) + restStart, inline.Groups["rest"].Value, p.End));
                continue;
            }
            if (heading != Kind.None && (current == Kind.None || heading != Kind.Other || headingLevel <= level || level == 0))
            {
                Flush(ctx, current, body);
                current = heading;
                level = headingLevel;
                body.Clear();
                continue;
            }
            if (current is Kind.Problems or Kind.Measures && EndsSection(p.Text, level))
            {
                Flush(ctx, current, body);
                current = Kind.None;
                body.Clear();
                continue;
            }
            body.Add(p);
        }
        Flush(ctx, current, body);
    }

    static void Flush(ParseContext ctx, Kind kind, List<Paragraph> body)
    {
        if (kind is not (Kind.Problems or Kind.Measures) || body.Count == 0) return;
        foreach (var (start, text) in Items(ctx.Flow, body))
        {
            var clean = Clean(text);
            if (clean.Length < 2 || !clean.Any(CharNormalizer.IsHan)) continue;
            if (kind == Kind.Problems)
                ctx.Extract.Problems.Add(new Problem { Text = clean, Causes = Causes.Classify(clean), Evidence = ctx.Text.EvidenceOf(start, start + text.Length) });
            else ctx.Extract.Measures.Add(clean);
        }
    }

    /// <summary>Splits a section body into items: by leading enumerators, else by inline ones, else by paragraph.</summary>
    static List<(int Start, string Text)> Items(string flow, List<Paragraph> body)
    {
        var start0 = body[0].Start;
        var whole = flow[start0..body[^1].End];
        // The list style is the one the section opens with (else the earliest one used); its items are
        // numbered 1, 2, 3… in order, each at a line, sentence or cell boundary.
        var lead = whole.TrimStart(' ', '\t', '\n');
        var style = InlineStyles.FirstOrDefault(st => lead.StartsWith(st(1), StringComparison.Ordinal))
            ?? InlineStyles.Select(st => (Style: st, At: whole.IndexOf(st(1), StringComparison.Ordinal))).Where(x => x.At >= 0).OrderBy(x => x.At).Select(x => x.Style).FirstOrDefault();
        if (style is not null)
        {
            var cuts = new List<int>();
            var from = 0;
            for (var n = 1; n <= 30; n++)
            {
                var marker = style(n);
                var at = from;
                while ((at = whole.IndexOf(marker, at, StringComparison.Ordinal)) >= 0 && !AtBoundary(whole, at, marker)) at++;
                if (at < 0) break;
                cuts.Add(at);
                from = at + marker.Length;
            }
            if (cuts.Count >= 2)
            {
                var items = new List<(int, string)>();
                var intro = whole[..cuts[0]];
                if (Clean(intro).Length > 12 && !intro.TrimEnd().EndsWith(':')) items.Add((start0, intro));
                for (var i = 0; i < cuts.Count; i++)
                {
                    var end = i + 1 < cuts.Count ? cuts[i + 1] : whole.Length;
                    items.Add((start0 + cuts[i], whole[cuts[i]..end].Replace("\n", "", StringComparison.Ordinal)));
                }
                return items;
            }
        }
        // No numbered list: one item per paragraph.
        return body.Select(p => (p.Start, p.Text)).ToList();
    }

    static bool AtBoundary(string text, int at, string marker)
    {
        if (at == 0) return true;
        var before = text[at - 1];
        return before is '\n' or '\t' or '。' or '；' or ';' or ':' or ' ' || marker.EndsWith('是') && before is '，' or ',';
    }

    static readonly Func<int, string>[] InlineStyles =
    [
        n => Chinese(n) + "是",
        n => "(" + Chinese(n) + ")",
        n => "(" + n + ")",
        n => n + ".",
        n => n + "、",
        n => ((char)('①' + n - 1)).ToString(),
    ];

    static string Chinese(int n) => n switch
    {
        <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        < 20 => "十" + "一二三四五六七八九"[n - 11],
        _ => "二十",
    };

    static string Clean(string text)
    {
        text = text.Trim();
        text = text[Markers.MarkerLength(text)..].Trim();
        text = Regex.Replace(text, @"^[:：、.\s]+", "");
        return text.TrimEnd('。', '；', ';', '，', ',', ' ', '\t');
    }

    static Kind HeadingKind(string text, out int level)
    {
        level = MarkerLevel(text);
        var isHeading = Markers.IsHeading(text) || text.Length <= 24 && text.IndexOfAny(['。', '；', ';']) < 0 && !text.Contains('，');
        if (!isHeading) return Kind.None;
        var body = text[Markers.MarkerLength(text)..];
        if (ProblemHeading().IsMatch(body)) return Kind.Problems;
        if (MeasureHeading().IsMatch(body)) return Kind.Measures;
        return level > 0 || OtherHeading().IsMatch(body) ? Kind.Other : Kind.None;
    }

    static bool EndsSection(string text, int level)
    {
        if (Regex.IsMatch(text, @"^[-—=_*\s]{4,}$")) return true;
        // The signature under the report: the unit's name, a date.
        if (Regex.IsMatch(text, @"^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$") || text.Length <= 30 && Places.IsOrganisation(Places.CleanName(text))) return true;
        if (!Markers.IsHeading(text)) return false;
        var l = MarkerLevel(text);
        return l > 0 && (level == 0 || l <= level);
    }

    /// <summary>1 for 一、, 2 for (一), 3 for 1., 4 for (1), 5 for ①; 0 for none.</summary>
    static int MarkerLevel(string text) => text switch
    {
        _ when Regex.IsMatch(text, @"^\s*(?:第[一二三四五六七八九十]+[章节部分]|[一二三四五六七八九十]{1,3}\s*[、.])") => 1,
        _ when Regex.IsMatch(text, @"^\s*[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]") => 2,
        _ when Regex.IsMatch(text, @"^\s*\d{1,2}\s*[、.](?!\d)") => 3,
        _ when Regex.IsMatch(text, @"^\s*[(（]\s*\d{1,2}\s*[)）]") => 4,
        _ when Regex.IsMatch(text, @"^\s*[①-⑳]") => 5,
        _ => 0,
    };

    [GeneratedRegex(@"^(?:[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、])?\s*(?<keyword>存在的?(?:主要)?问题|主要问题|存在问题|改进措施|整改措施|下一步(?:工作)?(?:计划|措施|改进措施)|改进建议|有关建议)[^:：，。]{0,8}[:：](?<rest>.{4,})$")]
    private static partial Regex InlineHeading();

    [GeneratedRegex(@"^(?:存在的?(?:主要)?问题|主要问题|问题及原因|问题和原因|存在的不足|不足之处|问题与不足|问题和不足|存在问题)")]
    private static partial Regex ProblemHeading();

    [GeneratedRegex(@"^(?:下一步|改进措施|整改措施|改进建议|有关建议|意见建议|对策建议|工作建议|改进意见|措施建议|完善措施|相关建议|建议)")]
    private static partial Regex MeasureHeading();

    [GeneratedRegex(@"结论|得分|评价|情况|概况|分析|目标|成效|经验|附件|说明")]
    private static partial Regex OtherHeading();
}
