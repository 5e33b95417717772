namespace PerfEval.Bench.Generate;

/// <summary>
/// A project report like seed 003: the project's budget, its sub-projects listed with budgets, then each
/// with its spending (two of them sometimes sharing one amount), problems, measures and the score at the end.
/// </summary>
public static class ProjectReport
{
    public static (Doc Doc, Truth Truth) Render(Facts f)
    {
        var rng = new Random(f.RenderSeed);
        var doc = new Doc();
        var t = Writing.BaseTruth(f, "project");
        var y = f.Year;
        var p = f.Project!;
        var work = f.Kind.Work;
        var inferred = f.Style[0] % 4 == 3;
        t.Inferred = inferred;

        switch (f.Style[0] % 4)
        {
            case 0:
                doc.Title = $"{y}年度{p}项目支出绩效自评报告";
                doc.Lines(doc.Title).Lines($"项目名称：{p}").Lines($"实施单位：{f.DeptName}");
                break;
            case 1:
            case 2:
                doc.Title = "项目绩效自评报告";
                doc.Lines(doc.Title).Lines($"（{y}年度）").Lines($"项目名称：{p}").Lines($"主管部门：{f.DeptName}").Lines($"实施单位：{f.DeptName}");
                break;
            default:
                // Seed 003: neither the unit nor the year is labelled; the body names them.
                doc.Title = "项目绩效自评报告";
                doc.Lines(doc.Title).Lines($"项目名称：{p}");
                break;
        }

        doc.Lines("一、项目概况");
        doc.Para($"预算安排{p} {f.Money(f.Budget)} 万元。主要用于{work[0]}，{work[1]}。{y} 年{f.DeptName}围绕{work[^1]}，扎实推进各项工作。");
        t.BudgetWan = f.Budget;
        doc.Lines("二、项目组织实施情况").Lines("（一）投入。");
        var list = string.Join("、", f.Subs.Take(f.Subs.Count - 1).Select(s => $"{s.Name} {f.Money(s.Budget)} 万元"));
        var last = f.Subs[^1];
        doc.Para($"一级项目{p} {f.Money(f.Budget)} 万元分以下 {f.Subs.Count} 个二级项目：{list}和{last.Name} {f.Money(last.Budget)} 万元。");
        doc.Lines("（二）过程。");
        var n = 1;
        for (var i = 0; i < f.Subs.Count; i++, n++)
        {
            var s = f.Subs[i];
            var use = $"主要用于{work[i % work.Length]}，{Writing.Filler(rng, f)}";
            if (s.SharedWithNext)
            {
                var s2 = f.Subs[i + 1];
                var spent = Facts.Round2((s.Budget + s2.Budget) * 0.9m);
                doc.Para($"{n}、{s.Name}预算 {f.Money(s.Budget)} 万元和{s2.Name}预算 {f.Money(s2.Budget)} 万元，实际支出 {f.Money(spent)} 万，{use}");
                t.Projects.Add((s.Name, s.Budget, null));
                t.Projects.Add((s2.Name, s2.Budget, null));
                i++;
                continue;
            }
            var text = s.Spent switch
            {
                null => $"{n}、{s.Name}预算 {f.Money(s.Budget)} 万元，{use}",
                0m => $"{n}、{s.Name}预算 {f.Money(s.Budget)} 万元，实际支出 0 元，由于新冠疫情影响，活动推迟举办，资金提前上缴财政。",
                _ => $"{n}、{s.Name}预算 {f.Money(s.Budget)} 万元,实际支出 {f.Money(s.Spent.Value)} 万,{use}",
            };
            doc.Para(text);
            t.Projects.Add((s.Name, s.Budget, s.Spent));
        }

        doc.Lines("三、项目绩效情况、主要做法和经验");
        var written = 0;
        Writing.FillTo(doc, rng, f, 1500 + rng.Next(4000), ref written, numbered: true);
        if (inferred) doc.Para($"{y} 年，{f.DeptName}坚持问题导向，{f.Kind.Self}各项工作取得新成效，{f.DeptName}获得上级部门充分肯定。");
        if (f.Style[2] % 2 == 0)
        {
            doc.Para($"本项目全年实际支出 {f.Money(f.Spent)} 万元，预算执行率为 {Writing.Pct(f.Rate)}。");
            t.SpentWan = f.Spent;
            t.ExecutionRatePct = f.Rate;
        }

        doc.Lines("四、存在问题及建议").Lines("（一）存在问题");
        Writing.List(doc, [.. f.Problems.Select(x => x.Text)], f.Style[5]);
        doc.Lines("(二) 改进措施或有关建议");
        Writing.List(doc, f.Measures, f.Style[6]);
        doc.Lines("五、项目自评结论及得分");
        doc.Para((f.Style[1] % 3) switch
        {
            0 => $"自评得分 {Facts.Num(f.Total)} 分。",
            1 => $"经综合评价，本项目绩效自评综合评分为 {Facts.Num(f.Total)} 分，评价等级为“{f.Grade}”。",
            _ => $"项目自评总分为{Facts.Num(f.Total)}分。",
        });
        t.ScoreTotal = f.Total;
        if (f.Style[1] % 3 == 1) { t.Grade = f.Grade; t.GradeStated = true; }
        return (doc, t);
    }
}
