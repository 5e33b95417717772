using System.Globalization;

namespace PerfEval.Bench.Generate;

/// <summary>
/// A department report in prose, like seeds 000, 001 and 002: sections 一 to 四, the budget in one sentence,
/// the score with its parts and itemised deductions, optionally a flattened indicator table and project spending.
/// </summary>
public static class NarrativeReport
{
    public static (Doc Doc, Truth Truth) Render(Facts f)
    {
        var rng = new Random(f.RenderSeed);
        var doc = new Doc();
        var t = Writing.BaseTruth(f, "department");
        var y = f.Year;
        var target = 1800 + rng.Next(5500);
        var written = 0;

        var title = (f.Style[0] % 3) switch
        {
            0 => $"{f.DeptName}{y}年部门整体支出绩效自评报告",
            _ => $"{y}年度{f.DeptName}部门整体支出绩效自评报告",
        };
        doc.Title = title;
        switch (f.Style[0] % 3)
        {
            case 0: doc.Lines($"{f.DeptName} {y} 年部门 整体支出绩效自评报告"); break;
            case 1: doc.Lines("附件 2").Lines(title); break;
            default: doc.Lines($" {y} 年度{f.DeptName}", "部门整体支出绩效自评报告"); break;
        }

        doc.Lines("一、基本情况").Lines("（一）部门概况");
        doc.Para($"1.部门机构设置。{f.DeptName}内设机构 {rng.Next(3, 12)} 个，下设办公室、业务科室和综合科室，核定编制 {rng.Next(8, 90)} 人。");
        doc.Para("2.主要职能。" + string.Join("；", Phrases.Functions.OrderBy(_ => rng.Next()).Take(3)) + "。");
        doc.Lines("（二）年度总体工作和重点工作任务");
        Writing.FillTo(doc, rng, f, target / 2, ref written, numbered: rng.Next(2) == 0);

        doc.Lines("（三）部门整体收支情况");
        Budget(doc, f, t);
        doc.Lines("（四）部门整体绩效管理情况");
        doc.Para(Writing.Filler(rng, f));

        doc.Lines(f.Style[1] % 2 == 0 ? "二、综合评价分析" : "二、绩效自评情况").Lines("（一）自评结论");
        Score(doc, f, t);
        doc.Lines("（二）各项工作任务绩效目标完成情况分析");
        Writing.FillTo(doc, rng, f, target, ref written, numbered: false);
        if (f.Style[4] % 5 < 2) IndicatorTable(doc, f, t);
        if (f.Style[3] % 3 != 0)
        {
            doc.Lines("（三）各重点任务项目支出完成情况分析");
            Projects(doc, f, t);
        }

        doc.Lines(f.Style[5] % 2 == 0 ? "三、存在的主要问题" : "三、存在问题");
        Writing.List(doc, [.. f.Problems.Select(p => p.Text)], f.Style[5] / 2);
        doc.Lines(f.Style[6] % 2 == 0 ? "四、下一步改进措施" : "四、改进措施及建议");
        Writing.List(doc, f.Measures, f.Style[6] / 2);
        if (f.Style[7] % 3 == 0) doc.Lines(f.DeptName, $"{y + 1}年{rng.Next(3, 6)}月{rng.Next(1, 29)}日");
        return (doc, t);
    }

    static void Budget(Doc doc, Facts f, Truth t)
    {
        string B = f.Money(f.Budget), S = f.Money(f.Spent), R = Writing.Pct(f.Rate);
        switch (f.Style[2] % 5)
        {
            case 0:
                doc.Para($"{f.Year} 年，{f.ShortName}全年预算数 {B} 万元，支出数 {S} 万元，执行率为 {R}。部门整体绩效目标：围绕{f.Kind.Work[0]}，{f.Kind.Work[1]}。");
                break;
            case 1:
                doc.Para($"我单位全年预算支出为 {B} 万元，决算支出为 {S} 万元，支出率高达 {R}。说明我单位严格按照预算执行。");
                break;
            case 2:
                doc.Para($"{f.Year}年度，{f.ShortName}年初预算 {f.Money(f.Initial!.Value)} 万元，调整后预算 {B} 万元，实际支出 {S} 万元，预算执行率 {R}。");
                t.InitialWan = f.Initial;
                break;
            case 3:
                doc.Para($"{f.Year}年{f.ShortName}全年预算数为{Thousands(f.Budget)}万元，全年执行数{Thousands(f.Spent)}万元，预算执行率为{R}。");
                break;
            default:
                // No summary sentence: only the parts of the final accounts, which are not the report's budget.
                var basic = Facts.Round2(f.Spent * 0.7m);
                doc.Para($"基本支出 {f.Money(basic)} 万元，比上年决算数增加 {f.Money(Facts.Round2(basic * 0.05m))} 万元，主要用于保障机构正常运转。");
                doc.Para($"项目支出 {f.Money(f.Spent - basic)} 万元，比上年决算数减少 {f.Money(Facts.Round2(basic * 0.01m))} 万元，主要用于{f.Kind.Work[0]}等重点工作。");
                return;
        }
        t.BudgetWan = f.Budget;
        t.SpentWan = f.Spent;
        t.ExecutionRatePct = f.Rate;
    }

    static string Thousands(decimal v) => v.ToString("#,##0.00", CultureInfo.InvariantCulture);

    static void Score(Doc doc, Facts f, Truth t)
    {
        var T = Facts.Num(f.Total);
        var (p1, p2) = (f.Parts[0], f.Parts[1]);
        string P(decimal v) => Facts.Num(v);
        t.ScoreTotal = f.Total;
        var style = f.Style[1] % 5;
        var inline = style is 0 or 4;
        var text = style switch
        {
            0 => $"{f.Year}年部门整体支出绩效自评总分为{T}分，其中{p1.Name}分值为{P(p1.Max)}分，自评得分为{P(p1.Score)}分；{p2.Name}分值为{P(p2.Max)}分，自评得分为{P(p2.Score)}分。",
            1 => $"我单位整体支出绩效自评结果为{f.Grade}。绩效自评分值为 {T} 分，其中{p1.Name}自评分值为 {P(p1.Score)} 分，{p2.Name}自评分值为 {P(p2.Score)} 分。",
            2 => $"经综合评价，{f.Year}年度部门整体支出绩效自评分为 {T}分。",
            3 => $"按照评分标准逐项打分，{f.ShortName}自评得分 {T} 分，自评等级为“{f.Grade}”。其中{p1.Name}得分{P(p1.Score)}分（满分{P(p1.Max)}分），{p2.Name}得分{P(p2.Score)}分（满分{P(p2.Max)}分）。",
            _ => $"{f.Year}年度{f.ShortName}部门整体支出综合评分为{T}分，其中{p1.Name}得分{P(p1.Score)}分（满分{P(p1.Max)}分），{p2.Name}得分{P(p2.Score)}分（满分{P(p2.Max)}分）。",
        };
        if (style != 2)
            foreach (var p in f.Parts) t.Parts.Add((p.Name, style == 1 ? null : p.Max, p.Score));
        if (style is 1 or 3) { t.Grade = f.Grade; t.GradeStated = true; }
        if (inline && f.Deductions.Count > 0)
        {
            text += "扣分项主要是：" + string.Concat(f.Deductions.Select((d, i) =>
                $"{Writing.Cn(i + 1)}是{d.Text.Path}{d.Text.Indicator}，分值为{d.Text.MaxPoints}分，{Reason(d)}，扣{P(d.Points)}分{(i + 1 < f.Deductions.Count ? "；" : "。")}"));
        }
        doc.Para(text);
        if (!inline)
            foreach (var d in f.Deductions)
                doc.Para($"{d.Text.Section}版块的{d.Text.Indicator}指标扣{P(d.Points)}分，主要原因是{Reason(d)}。");
        foreach (var d in f.Deductions)
            t.Deductions.Add((d.Text.Indicator, d.Text.Section, inline ? d.Text.MaxPoints : null, d.Points, d.Text.Causes));
    }

    public static string Reason((DeductionText Text, decimal Points, int M1, int M2) d) =>
        d.Text.Reason.Replace("{m1}", d.M1.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{m2}", d.M2.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The indicator table of seed 002, flattened by the PDF extract: one row per line, long names wrapped above.</summary>
    static void IndicatorTable(Doc doc, Facts f, Truth t)
    {
        doc.Para("主要绩效目标完成情况见下表：");
        doc.Lines("部门整体支出绩效指标完成情况统计表");
        doc.Lines($"部门名称：{f.DeptName}");
        var lines = new List<string> { "自评指标", "根据《部门预算绩效目标申报", "表》填列", "年度目标值 年度实现值", "", "指标完成", "", "率", "" };
        string? dimension = null;
        foreach (var i in f.Indicators)
        {
            if (i.Text.Dimension != dimension)
            {
                dimension = i.Text.Dimension;
                lines.Add(dimension);
                lines.Add("");
            }
            var (target, actual) = Cells(i);
            var values = $"{target} {actual} {Facts.Num(i.Completion)}%";
            if (i.Wrapped)
            {
                var k = i.Text.Name.Length / 2;
                lines.Add(i.Text.Name[..k]);
                lines.Add("");
                lines.Add(i.Text.Name[k..]);
                lines.Add(values);
            }
            else lines.Add($"{i.Text.Name} {values}");
            lines.Add("");
            t.Indicators.Add((i.Text.Name, i.Target, i.Actual, i.Pass, i.Completion));
        }
        doc.Lines([.. lines]);
    }

    /// <summary>Target and actual cells as a table shows them: "4 次", "6次", "≥95%", "合格".</summary>
    public static (string Target, string Actual) Cells(Indicator i)
    {
        if (i.Pass is { } pass) return (pass, pass);
        if (i.Text.Rate) return ((i.Target >= 95 ? "≥" : "") + Writing.Pct(i.Target!.Value), Writing.Pct(i.Actual!.Value));
        return ($"{Facts.Num(i.Target!.Value)} {i.Text.Unit}", $"{Facts.Num(i.Actual!.Value)}{i.Text.Unit}");
    }

    static void Projects(Doc doc, Facts f, Truth t)
    {
        var work = f.Kind.Work;
        if (f.Style[3] % 3 == 1)
        {
            var items = f.Subs.Where(s => s.Spent > 0).Select((s, n) => $"{n + 1}. {s.Name}支出 {f.Money(s.Spent!.Value)} 万元，主要用于{work[n % work.Length]}。");
            doc.Para("各重点任务项目支出完成情况如下：" + string.Concat(items));
            foreach (var s in f.Subs.Where(s => s.Spent > 0)) t.Projects.Add((s.Name, null, s.Spent));
            return;
        }
        var i = 1;
        foreach (var s in f.Subs.Where(s => s.Spent is not null))
        {
            doc.Para($"{i}、{s.Name}预算 {f.Money(s.Budget)} 万元，实际支出 {f.Money(s.Spent!.Value)} 万元，主要用于{work[i % work.Length]}。");
            t.Projects.Add((s.Name, s.Budget, s.Spent));
            i++;
        }
    }
}
