using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>
/// The money block of a self-evaluation table: a header run of columns (年初预算数 / 全年预算数 / 全年执行数 /
/// 分值 / 执行率 / 得分, in any order) and the row 年度资金总额 under it. Works on cells whether the table came
/// tab-separated or flattened one cell per line. A row with fewer values than columns is ambiguous and skipped.
/// </summary>
internal static partial class BudgetTableRules
{
    public static void Apply(ParseContext ctx)
    {
        if (!ctx.Flow.Contains("预算数", StringComparison.Ordinal) && !ctx.Flow.Contains("执行数", StringComparison.Ordinal)) return; // no money block
        var cells = TableCells.Of(ctx.Text.Lines);
        for (var i = 0; i < cells.Count; i++)
        {
            ctx.Budget.Check();
            var fields = new List<string?>();
            var j = i;
            while (j < cells.Count && Column(cells[j].Text) is { } field) { fields.Add(field == "-" ? null : field); j++; }
            if (fields.Count(f => f is "initial_wan" or "budget_wan" or "spent_wan") < 2) continue;
            foreach (var twice in fields.Where(f => f is not null).GroupBy(f => f).Where(g => g.Count() > 1).Select(g => g.Key).ToList())
            {
                // "年度预算数 | 调整后预算数": two columns for one figure; which one the rate uses is not said.
                for (var k = 0; k < fields.Count; k++) if (fields[k] == twice) fields[k] = null;
                ctx.Warn($"budget.{twice}: the money table has two columns for it; left empty");
            }
            // In a department report only the block headed 项目资金/资金情况 is the report's own money; a
            // table of key projects with the same columns is not.
            var money = i > 0 && MoneyHeading().IsMatch(cells[i - 1].Text);
            if (ctx.Extract.ReportKind != "project" && !money) { i = j; continue; }
            var unit = (i > 0 ? Amounts.UnitIn(cells[i - 1].Text) : null) ?? cells.Skip(i).Take(j - i).Select(c => Amounts.UnitIn(c.Text)).FirstOrDefault(u => u is not null) ?? ctx.UnitAboveLine(cells[i].Line);
            // The row label (年度资金总额 / 合计) within the next few cells, then one value per column.
            for (var k = j; k < Math.Min(cells.Count, j + 4); k++)
            {
                if (!TotalRow().IsMatch(cells[k].Text)) continue;
                var values = cells.Skip(k + 1).Take(fields.Count).ToList();
                if (values.Count < fields.Count || values.Any(v => !IsValue(v.Text))) break;
                if (k + 1 + fields.Count < cells.Count && IsValue(cells[k + 1 + fields.Count].Text) && cells[k + 1 + fields.Count].Line == values[^1].Line)
                    break; // more values on the row than columns: misaligned
                if (unit is null) { ctx.Warn("budget: the money table states no unit (万元/元); its amounts were not read"); return; }
                Assign(ctx, fields, values, unit);
                return;
            }
            i = j;
        }
    }

    static void Assign(ParseContext ctx, List<string?> fields, List<TableCell> values, string unit)
    {
        var b = ctx.Extract.Budget;
        for (var n = 0; n < fields.Count; n++)
        {
            var field = fields[n];
            if (field is null) continue;
            var text = values[n].Text;
            var m = Regex.Match(text, @"^(?<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<unit>%|万元|万|元)?$");
            if (!m.Success) continue;
            var raw = Amounts.ParseNumber(m.Groups["v"].Value)!.Value;
            decimal? value = field.EndsWith("_pct", StringComparison.Ordinal) ? raw
                : Amounts.ToWan(raw, m.Groups["unit"].Success ? m.Groups["unit"].Value : unit);
            if (value is null) continue;
            var current = field switch { "initial_wan" => b.InitialWan, "budget_wan" => b.BudgetWan, "spent_wan" => b.SpentWan, _ => b.ExecutionRatePct };
            if (current is not null) continue; // prose already stated it
            var cell = values[n];
            ctx.Extract.Evidence[$"budget.{field}"] = ctx.Text.LineEvidence(cell.Line, cell.Start, cell.Text.Length);
            value = Amounts.Clean(value.Value);
            switch (field)
            {
                case "initial_wan": b.InitialWan = value; break;
                case "budget_wan": b.BudgetWan = value; break;
                case "spent_wan": b.SpentWan = value; break;
                default: b.ExecutionRatePct = value; break;
            }
        }
    }

    /// <summary>The field a column header names; "-" for a known column that is not a budget field (分值, 得分).</summary>
    static string? Column(string header)
    {
        var h = Regex.Replace(header, @"\s+|\(万元\)|\(%\)", "");
        return h switch
        {
            "年初预算数" or "年初预算" or "年初预算金额" => "initial_wan",
            "全年预算数" or "全年预算" or "调整后预算数" or "调整后预算" or "预算数" or "年度预算数" => "budget_wan",
            "全年执行数" or "执行数" or "实际支出数" or "实际支出" or "全年支出数" or "决算数" => "spent_wan",
            "执行率" or "预算执行率" => "execution_rate_pct",
            "分值" or "得分" or "权重" or "自评得分" => "-",
            _ => null,
        };
    }

    static bool IsValue(string text) => Regex.IsMatch(text, @"^(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:%|万元|万|元)?|[-—–/／]+)$");

    [GeneratedRegex(@"^(?:项目资金|部门资金|资金情况|年度资金|资金投入|预算执行情况)")]
    private static partial Regex MoneyHeading();

    [GeneratedRegex(@"^(?:年度资金总额|资金总额|合计|总计|项目资金总额|年度资金合计)(?:\(万元\))?:?$")]
    private static partial Regex TotalRow();
}
