using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>
/// Performance indicators (target vs. actual) in three layouts: table rows flattened to one line
/// ("举办活动次数 4 次 6次 150%", the name possibly wrapped onto lines above), tab tables under a header
/// (三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因), and prose ("培训种类(个)，年初值为2个，完成值为2个").
/// A table row whose 得分 is below its 分值 is also a deduction.
/// </summary>
internal static partial class IndicatorRules
{
    public static void Apply(ParseContext ctx)
    {
        TabTables(ctx);
        FlatTables.Apply(ctx);
        FlatRows(ctx);
        Prose(ctx);
    }

    static void Add(ParseContext ctx, IndicatorRow row)
    {
        if (row.Name.Length < 2 || ctx.Extract.Indicators.Any(r => r.Name == row.Name)) return;
        ctx.Extract.Indicators.Add(row);
    }

    // ---- flattened rows ------------------------------------------------------------------------------

    static void FlatRows(ParseContext ctx)
    {
        var lines = ctx.Text.Lines;
        var headerSeen = false;
        var lastRow = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            ctx.Budget.Check();
            var text = lines[i].Text;
            if (!headerSeen) { headerSeen = FlatHeader().IsMatch(text); if (headerSeen) lastRow = i; continue; }
            if (text.Contains('\t')) continue;
            var m = FlatRow().Match(text);
            if (!m.Success && i + 1 < lines.Count && lines[i + 1].Text is { Length: <= 16 } next && next.EndsWith('%') && text.Any(char.IsDigit))
            {
                // A row wrapped inside its last cell: "租赁场地面积 415.32 平方米 415.32 平方" + "米 100%".
                var glue = CharNormalizer.IsHan(text[^1]) && CharNormalizer.IsHan(next[0]) ? "" : " ";
                m = FlatRow().Match(text + glue + next);
                if (m.Success) i++;
            }
            if (!m.Success) continue;
            var name = Compact(m.Groups["name"].Value);
            var nameEvidence = (Line: lines[i], Start: m.Groups["name"].Index, Length: m.Groups["name"].Length);
            if (name.Length == 0)
            {
                // The name wrapped onto the lines above: short lines without digits since the last row.
                var parts = new List<string>();
                for (var j = i - 1; j > lastRow && j >= i - 4; j--)
                {
                    var t = lines[j].Text;
                    if (t.Length > 14 || t.Any(char.IsDigit) || t.Contains('\t') || DimensionLabel().IsMatch(Compact(t))) break;
                    parts.Insert(0, Compact(t));
                }
                name = string.Concat(parts);
            }
            lastRow = i;
            if (name.Length < 2 || name.Length > 40 || !Regex.IsMatch(name, @"\p{IsCJKUnifiedIdeographs}")) continue;
            var row = Row(name, m.Groups["t"].Value, m.Groups["a"].Value);
            row.CompletionPct = Amounts.ParseNumber(m.Groups["p"].Value.TrimEnd('%'));
            row.Evidence = ctx.Text.LineEvidence(nameEvidence.Line, 0, nameEvidence.Line.Text.Length);
            Add(ctx, row);
        }
    }

    // ---- tab tables ----------------------------------------------------------------------------------

    sealed record Columns(int Name, int Target, int Actual, int Completion, int Max, int Score, int Reason, int Category, int Dimension);

    static void TabTables(ParseContext ctx)
    {
        var lines = ctx.Text.Lines;
        Columns? columns = null;
        string? category = null, dimension = null;
        for (var i = 0; i < lines.Count; i++)
        {
            ctx.Budget.Check();
            var cells = lines[i].Text.Split('\t').Select(c => Compact(c)).ToArray();
            if (cells.Length < 3) { if (columns is not null && !lines[i].Text.Contains('\t')) columns = null; continue; }
            if (Header(cells) is { } header) { columns = header; category = dimension = null; continue; }
            if (columns is null) continue;
            // Cells sit where the header put them; an export that dropped merged cells is right-aligned.
            var shift = ValidRow(cells, columns, 0) ? 0 : ValidRow(cells, columns, cells.Length - HeaderWidth(columns)) ? cells.Length - HeaderWidth(columns) : int.MinValue;
            if (shift == int.MinValue) continue;
            var name = Cell(cells, columns.Name, shift);
            if (columns.Category >= 0 && Cell(cells, columns.Category, shift) is { Length: > 0 } c) category = c;
            if (columns.Dimension >= 0 && Cell(cells, columns.Dimension, shift) is { Length: > 0 } d) dimension = d;
            var target = Cell(cells, columns.Target, shift);
            var actual = Cell(cells, columns.Actual, shift);
            if (name.Length < 2) continue;
            if (columns.Category >= 0 && category is not null) category = TableCells.CleanCategory(category);
            if (target.Length == 0 && actual.Length == 0)
            {
                // A scoring table without targets (分值 / 自评得分 / 扣分原因): only its deductions.
                var maxOnly = columns.Max >= 0 ? Amounts.ParseNumber(Cell(cells, columns.Max, shift)) : null;
                var scoreOnly = columns.Score >= 0 ? Amounts.ParseNumber(Cell(cells, columns.Score, shift)) : null;
                if (maxOnly is { } m0 && scoreOnly is { } s0)
                    AddTableDeduction(ctx, category, name, m0, s0, columns.Reason >= 0 ? Cell(cells, columns.Reason, shift) : "", ctx.Text.LineEvidence(lines[i], 0, lines[i].Text.Length));
                continue;
            }
            var row = Row(name, target, actual);
            row.Category = category;
            row.Dimension = dimension;
            row.CompletionPct = columns.Completion >= 0 ? Amounts.ParseNumber(Cell(cells, columns.Completion, shift).TrimEnd('%')) : null;
            row.MaxPoints = columns.Max >= 0 ? Amounts.ParseNumber(Cell(cells, columns.Max, shift)) : null;
            row.Score = columns.Score >= 0 ? Amounts.ParseNumber(Cell(cells, columns.Score, shift)) : null;
            row.Evidence = ctx.Text.LineEvidence(lines[i], 0, lines[i].Text.Length);
            Add(ctx, row);
            if (row is { MaxPoints: { } max, Score: { } score })
                AddTableDeduction(ctx, category, name, max, score, columns.Reason >= 0 ? Cell(cells, columns.Reason, shift) : "", row.Evidence);
        }
    }

    /// <summary>A table row scored below its 分值 is a deduction of the difference, for the reason its row gives.</summary>
    internal static void AddTableDeduction(ParseContext ctx, string? section, string indicator, decimal max, decimal score, string reason, Evidence? evidence)
    {
        if (score >= max || score < 0 || max > 100) return;
        reason = reason.Trim();
        if (reason is "无" or "/" or "—" or "-") reason = "";
        var points = Amounts.Clean(max - score);
        if (ctx.Extract.Deductions.Any(d => d.Indicator == indicator && d.Points == points)) return;
        ctx.Extract.Deductions.Add(new Deduction
        {
            Section = section, Indicator = indicator, MaxPoints = max, Points = points,
            Reason = reason.Length > 0 ? reason : null, Causes = Causes.Classify($"{indicator} {reason}"), Evidence = evidence,
        });
    }

    static int HeaderWidth(Columns c) => new[] { c.Name, c.Target, c.Actual, c.Completion, c.Max, c.Score, c.Reason, c.Category, c.Dimension }.Max() + 1;

    /// <summary>A plausible row: a name in words, and numbers where the points go.</summary>
    static bool ValidRow(string[] cells, Columns c, int shift)
    {
        var name = Cell(cells, c.Name, shift);
        if (name.Length < 2 || !Regex.IsMatch(name, @"\p{IsCJKUnifiedIdeographs}") || IsValueCell(name)) return false;
        foreach (var i in new[] { c.Max, c.Score })
            if (i >= 0 && Cell(cells, i, shift) is { Length: > 0 } v && Amounts.ParseNumber(v) is null && !Regex.IsMatch(v, "^[-—–/]+$")) return false;
        return true;
    }

    static bool IsValueCell(string s) => Regex.IsMatch(s, @"^(?:[≥≤><=]|不低于|不少于|不高于|大于|小于)?\d");

    static Columns? Header(string[] cells)
    {
        int Find(Regex r) => Array.FindIndex(cells, c => r.IsMatch(c));
        var name = Array.IndexOf(cells, "三级指标") is >= 0 and var third ? third : Find(NameHeader());
        var target = Find(TargetHeader());
        var actual = Find(ActualHeader());
        var max = Find(MaxHeader());
        var score = Find(ScoreHeader());
        var scored = max >= 0 && score >= 0 && max != score;
        if (name < 0 || !(target >= 0 && actual >= 0 && target != actual || scored)) return null;
        return new Columns(name, target, actual, Find(CompletionHeader()), Find(MaxHeader()), Find(ScoreHeader()), Find(ReasonHeader()), Find(CategoryHeader()), Find(DimensionHeader()));
    }

    static string Cell(string[] cells, int index, int shift) => index + shift >= 0 && index + shift < cells.Length ? cells[index + shift] : "";

    // ---- prose ---------------------------------------------------------------------------------------

    static void Prose(ParseContext ctx)
    {
        foreach (var m in ctx.MatchesInSentences(ProseIndicator(), "值"))
        {
            ctx.Budget.Check();
            var name = ctx.Text.OriginalCompact(m.Groups["name"].Index, m.Groups["name"].Index + m.Groups["name"].Length);
            name = Regex.Replace(name, @"[(（][^)）]{1,4}[)）]$", "");
            var row = Row(name, m.Groups["t"].Value, m.Groups["a"].Value);
            if (m.Groups["hint"].Success && row.Unit is null) row.Unit = m.Groups["hint"].Value;
            var before = ctx.Flow[Math.Max(0, m.Index - 80)..m.Index];
            var dim = DimensionInText().Matches(before).LastOrDefault();
            if (dim is not null) row.Dimension = dim.Value;
            row.Evidence = ctx.Text.EvidenceOf(m.Index, m.Index + m.Length);
            Add(ctx, row);
        }
    }

    // ---- values --------------------------------------------------------------------------------------

    internal static IndicatorRow Row(string name, string target, string actual)
    {
        var (tv, tu) = Value(target);
        var (av, au) = Value(actual);
        return new IndicatorRow
        {
            Name = name, Target = Compact(target), Actual = Compact(actual),
            TargetValue = tv, ActualValue = av, Unit = tu ?? au,
        };
    }

    /// <summary>"4次" → (4, 次); "≥95%" → (95, %); "合格" → (null, null).</summary>
    static (decimal?, string?) Value(string text)
    {
        if (DateLike().IsMatch(text)) return (null, null); // "2023年10月底前" is a deadline, not a number
        var m = ValueText().Match(Compact(text));
        if (!m.Success) return (null, null);
        var unit = m.Groups["unit"].Value;
        return (Amounts.ParseNumber(m.Groups["v"].Value), unit.Length > 0 ? unit : null);
    }

    static string Compact(string s) => Regex.Replace(s, @"\s+", "");

    const string Val = @"(?:[≥≤><=]|不低于|不少于|不高于|不超过|大于|小于|达到)?\s*\d+(?:\.\d+)?\s*(?:%|[\p{IsCJKUnifiedIdeographs}]{1,4}|m2|㎡|km)?|合格|达标|优秀|良好|是|否|完成|已完成|满意|较好|有效|提高|提升";

    [GeneratedRegex(@"\d\s*(?:年|月|日|时)(?!\s*$)|\d{1,2}\s*月|\d{4}\s*年|[:：]\d{2}")]
    private static partial Regex DateLike();

    [GeneratedRegex(@"目标值|指标值|实现值|完成值|实际值|实际完成")]
    private static partial Regex FlatHeader();

    [GeneratedRegex(@"^(?<name>[^\d\t%≥≤><=]{0,40}?)\s*(?<t>" + Val + @")\s+(?<a>" + Val + @")\s+(?<p>\d+(?:\.\d+)?%)$")]
    private static partial Regex FlatRow();

    [GeneratedRegex(@"^(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|满意度|服务对象满意度)(?:指标)?$|^指标$|^效益$")]
    private static partial Regex DimensionLabel();

    [GeneratedRegex(@"(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|满意度)指标|社会效益|经济效益|生态效益")]
    private static partial Regex DimensionInText();

    [GeneratedRegex(@"^(?:三级指标|指标名称|绩效指标(?:名称)?|具体指标|指标内容|考核指标|关键指标)$")]
    private static partial Regex NameHeader();

    [GeneratedRegex(@"^(?:年度)?(?:指标值|目标值|预期目标值?|计划值|年度指标值|绩效目标值)")]
    private static partial Regex TargetHeader();

    [GeneratedRegex(@"^(?:实际完成值|实际值|完成值|年度实现值|实现值|实际完成情况|全年实际值|实际完成)")]
    private static partial Regex ActualHeader();

    [GeneratedRegex(@"完成率|完成比例|完成程度")]
    private static partial Regex CompletionHeader();

    [GeneratedRegex(@"^分值|^权重")]
    private static partial Regex MaxHeader();

    [GeneratedRegex(@"^(?:自评)?得分")]
    private static partial Regex ScoreHeader();

    [GeneratedRegex(@"偏差原因|扣分原因|原因分析|未完成原因")]
    private static partial Regex ReasonHeader();

    [GeneratedRegex(@"^一级指标$")]
    private static partial Regex CategoryHeader();

    [GeneratedRegex(@"^二级指标$")]
    private static partial Regex DimensionHeader();

    [GeneratedRegex(@"(?<=^|[\n。；;:])(?<name>[^，。；;:\n\t]{2,30}?)(?:\((?<hint>[^)]{1,4})\))?[，,](?:年初值|年初目标值|目标值|指标值|预期值|计划值|年度目标值?)(?:为|是|:)(?<t>[^，。；;\n]{1,20}?)[，,](?:完成值|实际值|实际完成值|实现值|完成情况)(?:为|是|:)(?<a>[^，。；;\n]{1,20}?)(?=[，。；;\n]|$)")]
    private static partial Regex ProseIndicator();

    [GeneratedRegex(@"(?<v>\d+(?:\.\d+)?)(?<unit>%|[\p{IsCJKUnifiedIdeographs}]{1,4}|m2|㎡)?$")]
    private static partial Regex ValueText();
}
