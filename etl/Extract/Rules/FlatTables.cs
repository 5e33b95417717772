using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>
/// Scoring tables flattened one cell per line (a PDF table copied out): a header run (一级指标 二级指标 三级指标
/// [年度指标值 实际完成值] 分值 得分 [偏差原因]) and then rows, each found where its cells fit the columns with
/// numbers where the points go. Merged category cells (履职效能, 产出指标) and sub-headings between rows are
/// recognised; a total row (合计/总分 100 X) gives the total score.
/// </summary>
internal static partial class FlatTables
{
    enum Col { Target, Actual, Completion, Max, Score, Reason }

    public static void Apply(ParseContext ctx)
    {
        if (!ctx.Flow.Contains("分值", StringComparison.Ordinal)) return; // no scoring table
        var cells = TableCells.Of(ctx.Text.Lines);
        for (var i = 0; i < cells.Count; i++)
        {
            ctx.Budget.Check();
            if (!NameHeader().IsMatch(cells[i].Text)) continue;
            var columns = new List<Col>();
            var j = i + 1;
            for (; j < cells.Count && ColumnOf(cells[j].Text) is { } col; j++) columns.Add(col);
            // Only flattened tables: a header on one line is a tab table, read by IndicatorRules.
            if (!columns.Contains(Col.Max) || !columns.Contains(Col.Score) || cells[i].Line == cells[j - 1].Line) continue;
            i = Rows(ctx, cells, j, columns);
        }
    }

    /// <summary>Reads rows from <paramref name="p"/> until the table ends; returns where it stopped.</summary>
    static int Rows(ParseContext ctx, List<TableCell> cells, int p, List<Col> columns)
    {
        var width = columns.Count(c => c != Col.Reason);
        var hasReason = columns.Contains(Col.Reason);
        string? category = null;
        var misses = 0;
        while (p < cells.Count && misses < 3)
        {
            var text = cells[p].Text;
            if (TotalLabel().IsMatch(text))
            {
                Total(ctx, cells, p);
                return p + 1;
            }
            if (Category().IsMatch(TableCells.CleanCategory(text))) { category = TableCells.CleanCategory(text); p++; continue; }
            if (!TryRow(cells, p, columns, out var values))
            {
                p++;
                misses++;
                continue;
            }
            misses = 0;
            var name = Regex.Replace(text, @"\s+", "");
            var max = Amounts.ParseNumber(values[Col.Max])!.Value;
            var score = Amounts.ParseNumber(values[Col.Score])!.Value;
            var next = p + 1 + width;
            var reason = "";
            if (hasReason && score < max && next < cells.Count && !TryRow(cells, next, columns, out _) && !TotalLabel().IsMatch(cells[next].Text)
                && !Category().IsMatch(TableCells.CleanCategory(cells[next].Text)))
            {
                reason = cells[next].Text;
                next++;
            }
            var evidence = ctx.Text.LineEvidence(cells[p].Line, cells[p].Start, cells[p].Text.Length);
            if (values.TryGetValue(Col.Target, out var target) && values.TryGetValue(Col.Actual, out var actual))
            {
                var row = IndicatorRules.Row(name, target, actual);
                row.Category = category;
                row.MaxPoints = max;
                row.Score = score;
                row.Evidence = evidence;
                if (values.TryGetValue(Col.Completion, out var completion)) row.CompletionPct = Amounts.ParseNumber(completion.TrimEnd('%'));
                if (!ctx.Extract.Indicators.Any(r => r.Name == row.Name)) ctx.Extract.Indicators.Add(row);
            }
            IndicatorRules.AddTableDeduction(ctx, category, name, max, score, reason, evidence);
            p = next;
        }
        return p;
    }

    /// <summary>Whether the cells from <paramref name="p"/> are one row: a name, then a cell per column, points as numbers.</summary>
    static bool TryRow(List<TableCell> cells, int p, List<Col> columns, out Dictionary<Col, string> values)
    {
        values = [];
        var name = cells[p].Text;
        if (!Regex.IsMatch(name, @"\p{IsCJKUnifiedIdeographs}") || Regex.IsMatch(name, @"^(?:[≥≤><=]|不低于|不少于)?\d") || ColumnOf(name) is not null || name.Length > 40) return false;
        var k = p + 1;
        foreach (var col in columns)
        {
            if (col == Col.Reason) continue;
            if (k >= cells.Count) return false;
            var cell = cells[k].Text;
            if (col is Col.Max or Col.Score && Amounts.ParseNumber(cell) is null) return false;
            if (col is Col.Completion && !Regex.IsMatch(cell, @"^\d+(?:\.\d+)?%?$")) return false;
            if (col is Col.Target or Col.Actual && (cell.Length > 30 || TotalLabel().IsMatch(cell))) return false;
            values[col] = cell;
            k++;
        }
        return Amounts.ParseNumber(values[Col.Score]) <= Amounts.ParseNumber(values[Col.Max]);
    }

    static void Total(ParseContext ctx, List<TableCell> cells, int p)
    {
        if (p + 2 >= cells.Count || Amounts.ParseNumber(cells[p + 1].Text) != 100m || Amounts.ParseNumber(cells[p + 2].Text) is not { } total || total > 100m) return;
        var score = ctx.Extract.Score;
        if (score.Total == total) return;
        if (score.Total is not null)
        {
            ctx.Warn($"score.total: the scoring table totals {total} but the text states {score.Total}; left empty");
            score.Total = null;
            ctx.Extract.Evidence.Remove("score.total");
            return;
        }
        score.Total = Amounts.Clean(total);
        ctx.Extract.Evidence["score.total"] = ctx.Text.LineEvidence(cells[p + 2].Line, cells[p + 2].Start, cells[p + 2].Text.Length);
    }

    static Col? ColumnOf(string header)
    {
        var h = Regex.Replace(header, @"\s+", "");
        if (Regex.IsMatch(h, @"^(?:年度)?(?:指标值|目标值|预期目标值?|计划值|年度指标值|绩效目标值)")) return Col.Target;
        if (Regex.IsMatch(h, @"^(?:实际完成值|实际值|完成值|年度实现值|实现值|实际完成情况|全年实际值|实际完成)")) return Col.Actual;
        if (Regex.IsMatch(h, @"^(?:指标)?完成(?:率|比例|程度)(?:\(%\))?$")) return Col.Completion;
        if (Regex.IsMatch(h, @"^(?:分值|权重|满分)")) return Col.Max;
        if (Regex.IsMatch(h, @"^(?:自评)?得分$")) return Col.Score;
        if (Regex.IsMatch(h, @"偏差原因|扣分原因|原因分析|未完成原因|扣分说明")) return Col.Reason;
        return null;
    }

    [GeneratedRegex(@"^(?:三级指标|指标名称|具体指标|考核指标|评价指标)$")]
    private static partial Regex NameHeader();

    [GeneratedRegex(@"^(?:合计|总分|总计|得分合计)$")]
    private static partial Regex TotalLabel();

    [GeneratedRegex(@"^(?:履职效能|管理效率|产出指标|效益指标|满意度指标|成本指标|决策|过程|产出|效益|投入)$")]
    private static partial Regex Category();
}
