namespace PerfEval.Bench.Generate;

/// <summary>
/// The self-evaluation form of seed 004: tab-separated cells for the money block and tasks, HTML &lt;p&gt;
/// fragments for the project and the lists; sometimes with a scored indicator table (三级指标 … 分值 得分 偏差原因)
/// whose rows below their points are deductions, and its 总分 row.
/// </summary>
public static class TableFormReport
{
    public static (Doc Doc, Truth Truth) Render(Facts f)
    {
        var rng = new Random(f.RenderSeed);
        var doc = new Doc { Title = "部门整体支出绩效自评表" };
        var t = Writing.BaseTruth(f, "department");
        var y = f.Year;
        var work = f.Kind.Work;
        var initial = f.Initial!.Value;
        var adjust = Facts.Round2(Math.Abs(f.Budget - initial) / initial * 100m);
        string M(decimal v) => f.Money(v);

        doc.Lines(doc.Title).Lines("单位：万元");
        var rows = new List<string>
        {
            $"部门名称（汇总）\t\t{f.DeptName}\t\t被评价年度\t{y}年",
            $"部门 资金 情况\t部门调整预算收入\t{M(f.Budget)}\t部门年初预算收入\t{M(initial)}\t",
            $"\t实际支出数\t{M(f.Spent)}\t年度预算调整数\t{M(f.Budget)}\t",
            $"\t其中：一般公共预算\t{M(f.Spent)}\t\t\t",
            $"\t预算完成率\t{Writing.Pct(f.Rate)}\t预算调整率\t{Writing.Pct(adjust)}\t",
            "年度 目标\t部门整体支出的预期目标\t\t部门整体支出的目标完成情况\t\t",
            $"\t{string.Join(" ", work.Select((w, i) => $"{i + 1}. {w}"))}\t\t{Writing.Filler(rng, f)}\t\t",
            "主要 任务\t预期目标\t目标完成情况\t关键指标\t指标完成情况\t任务涉 及",
        };
        for (var i = 0; i < work.Length; i++)
            rows.Add($"任务{i + 1}\t{work[i]}\t{Writing.Filler(rng, f)}\t{work[(i + 1) % work.Length]}情况\t{rng.Next(2, 60)}次\t{Facts.Num(Facts.Round2((decimal)rng.NextDouble() * 20))}");
        doc.Lines([.. rows]);
        t.InitialWan = initial;
        t.BudgetWan = f.Budget;
        t.SpentWan = f.Spent;
        t.ExecutionRatePct = f.Rate;
        t.AdjustmentRatePct = adjust;

        if (f.Style[3] % 2 == 1) ScoredIndicators(doc, f, t, rng);

        // The key project in prose, with its indicators as "name(unit)，年初值为…，完成值为…".
        var project = f.Subs[0];
        var spent = project.Spent ?? project.Budget;
        var rate = Writing.Pct(Facts.Round2(spent / project.Budget * 100m));
        var prose = $"{y}年{project.Name}项目年初预算{M(Facts.Round2(project.Budget * 1.2m))}万元，年度预算为{M(project.Budget)}万元，预算执行{M(spent)}万元，执行率{rate}。";
        t.Projects.Add((project.Name, project.Budget, spent));
        string? dim = null;
        foreach (var i in f.Indicators.Where(i => i.Pass is null).Take(4))
        {
            var unit = i.Text.Unit;
            var sep = i.Text.Dimension == dim ? "；" : (dim is null ? "" : "。") + i.Text.Dimension + "： ";
            dim = i.Text.Dimension;
            var hint = unit == "%" ? "(%)" : $"({unit})";
            prose += $"{sep}{i.Text.Name}{hint}，年初值为{Facts.Num(i.Target!.Value)}{unit}，完成值为{Facts.Num(i.Actual!.Value)}{unit}";
            if (t.Indicators.All(x => x.Name != i.Text.Name)) t.Indicators.Add((i.Text.Name, i.Target, i.Actual, null, null));
        }
        prose += "。";
        var lines = new List<string>
        {
            $"<p>重点项目绩效情况</p>\t<p>{prose}</p>",
            $"<p>部门整体绩效</p>\t<p>{Writing.Filler(rng, f)}{Writing.Filler(rng, f)}</p>",
            "<p>存在问题</p>\t" + string.Join(" ", f.Problems.Select((p, n) => $"<p>({Writing.Cn(n + 1)}){p.Text}。</p>")),
        };
        doc.Lines([.. lines]);
        doc.Lines("改进措施或下一步计划\t" + string.Join(" ", f.Measures.Select((m, n) => $"<p>({Writing.Cn(n + 1)}) {m}。</p>")), "------------\t--");
        return (doc, t);
    }

    /// <summary>A scored indicator table; rows that lose points are deductions, and the 总分 row states the total.</summary>
    static void ScoredIndicators(Doc doc, Facts f, Truth t, Random rng)
    {
        var lines = new List<string> { "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因" };
        string? category = null, dimension = null;
        var lost = 0m;
        foreach (var i in f.Indicators.OrderBy(i => i.Text.Category, StringComparer.Ordinal))
        {
            var max = i.Text.Rate ? 5m : 10m;
            var short_ = rng.Next(5) == 0;
            var score = short_ ? max - (rng.Next(2) == 0 ? 0.5m : 1m) : max;
            var reason = short_ ? "受疫情影响部分活动未能按期开展" : "";
            var (target, actual) = NarrativeReport.Cells(i);
            lines.Add($"{(i.Text.Category != category ? i.Text.Category : "")}\t{(i.Text.Dimension != dimension ? i.Text.Dimension : "")}\t{i.Text.Name}\t{target.Replace(" ", "", StringComparison.Ordinal)}\t{actual}\t{Facts.Num(max)}\t{Facts.Num(score)}\t{reason}");
            category = i.Text.Category;
            dimension = i.Text.Dimension;
            t.Indicators.Add((i.Text.Name, i.Target, i.Actual, i.Pass, null));
            if (short_)
            {
                t.Deductions.Add((i.Text.Name, i.Text.Category, max, max - score, ["epidemic"]));
                lost += max - score;
            }
        }
        var total = 100m - lost;
        lines.Add($"总分\t\t\t\t\t100\t{Facts.Num(total)}\t");
        doc.Lines([.. lines]);
        t.ScoreTotal = total;
    }
}
