using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>
/// The report's own budget: 年初预算, 全年/调整后预算, 支出/执行数, 执行率, 预算调整率. Label → value in
/// prose ("全年预算数5563.49万元") and in table cells ("预算完成率\t99.68%"). Statements about a project or
/// a component (项目, 经费, 基本支出, 其中...) are not the report's total and are left to the project rules.
/// </summary>
internal static partial class BudgetRules
{
    const string Rate = "execution_rate_pct", Adjust = "adjustment_rate_pct";

    sealed record Candidate(string Field, decimal Value, int Sentence, Match Statement, Group Group);

    public static void Apply(ParseContext ctx)
    {
        var candidates = new List<Candidate>();
        foreach (Match m in Statement().Matches(ctx.Flow)) Consider(ctx, m, candidates);
        if (ctx.Extract.ProjectName is { Length: >= 2 } project)
        {
            // "预算安排工商界联络建设经费 88.50 万元": the project's own name between label and amount.
            var compact = Regex.Replace(project, @"\s+", "");
            foreach (var m in ctx.MatchesInSentences(NamedBudget(), compact))
            {
                var name = m.Groups["name"].Value + m.Groups["mid"].Value;
                if (name == compact || name == compact + "项目") Consider(ctx, m, candidates, project: true);
            }
        }
        foreach (var field in new[] { "initial_wan", "budget_wan", "spent_wan", Rate, Adjust }) Choose(ctx, field, candidates);
        CrossCheck(ctx);
    }

    static void Consider(ParseContext ctx, Match m, List<Candidate> candidates, bool project = false)
    {
        ctx.Budget.Check();
        var field = m.Groups["initial"].Success ? "initial_wan" : m.Groups["budget"].Success ? "budget_wan"
            : m.Groups["spent"].Success ? "spent_wan" : m.Groups["rate"].Success ? Rate : Adjust;
        if (BadMid().IsMatch(m.Groups["mid"].Value)) return;
        var tail = ctx.Flow.AsSpan(m.Index + m.Length, Math.Min(6, ctx.Flow.Length - m.Index - m.Length));
        if (RuleTail().IsMatch(tail)) return; // "执行率达到95%及以上得3分": a scoring rule
        var unit = m.Groups["unit"].Success ? m.Groups["unit"].Value : null;
        var raw = Amounts.ParseNumber(m.Groups["v"].Value);
        if (raw is null) return;
        decimal? value;
        if (field is Rate or Adjust)
        {
            if (unit != "%") return; // "预算执行率\t10\t9.6" is a scoring row, not a rate
            if (NextCellIsNumber(ctx.Flow, m.Groups["v"].Index + m.Groups["v"].Length)) return; // one rate per year column
            value = raw;
            if (value > 1000m) return;
        }
        else
        {
            if (unit == "%") return;
            if (unit is null && InCell(ctx.Flow, m))
            {
                // "年初预算数\t21,356.80\t22,418.35": one number per year column, which is whose is not said here.
                if (NextCellIsNumber(ctx.Flow, m.Groups["v"].Index + m.Groups["v"].Length)) return;
                unit = Amounts.UnitIn(m.Groups["mid"].Value) ?? ctx.UnitFor(m.Index);
            }
            if (unit is null) return;
            value = Amounts.ToWan(raw.Value, unit);
        }
        if (value is null) return;
        var sentence = SentenceStart(ctx.Flow, m.Index);
        if (ctx.InAppendix(m.Index) || ctx.Extract.Year is { } year && OtherYearOnly(ctx.Flow[sentence..m.Index], year)) return;
        var subject = ctx.Flow[sentence..m.Index];
        subject = subject[(subject.LastIndexOf('\t') + 1)..]; // in a table, the label's own cell
        subject = Statement().Replace(subject, ""); // "本项目预算200万元，实际支出…": the subject is 本项目
        if (!project && !IsReportLevel(ctx, subject, ctx.Flow[sentence..(m.Index + m.Length)])) return;
        candidates.Add(new Candidate(field, Amounts.Clean(value.Value), sentence, m, m.Groups["v"]));
    }

    /// <summary>
    /// Picks one value per field: from the sentence that states the most budget fields (the report's
    /// summary sentence or table), else the value every other statement agrees on; disagreement leaves null.
    /// </summary>
    static void Choose(ParseContext ctx, string field, List<Candidate> all)
    {
        var mine = all.Where(c => c.Field == field).ToList();
        if (mine.Count == 0) return;
        var pick = mine[0];
        if (mine.Select(c => c.Value).Distinct().Count() > 1)
        {
            // Different values: the report's summary (the sentence or table row stating the most budget
            // fields, more than any sentence holding another value) decides; otherwise nobody does.
            int Richness(int sentence) => all.Where(c => c.Sentence == sentence).Select(c => c.Field).Distinct().Count();
            var richest = mine.GroupBy(c => c.Sentence).Select(g => (Sentence: g.Key, Richness: Richness(g.Key), Values: g.Select(c => c.Value).Distinct().Count()))
                .OrderByDescending(g => g.Richness).ToList();
            var top = richest[0];
            var rival = richest.Skip(1).Where(g => mine.Any(c => c.Sentence == g.Sentence && c.Value != mine.First(x => x.Sentence == top.Sentence).Value)).Select(g => g.Richness).DefaultIfEmpty(0).Max();
            if (top.Values > 1 || top.Richness < 2 || rival >= top.Richness)
            {
                ctx.Warn($"budget.{field}: the report states {string.Join(" and ", mine.Select(c => c.Value).Distinct())} in different places; left empty");
                return;
            }
            pick = mine.First(c => c.Sentence == top.Sentence);
        }
        if (!ctx.Prove($"budget.{field}", pick.Statement, pick.Group)) return;
        var b = ctx.Extract.Budget;
        switch (field)
        {
            case "initial_wan": b.InitialWan = pick.Value; break;
            case "budget_wan": b.BudgetWan = pick.Value; break;
            case "spent_wan": b.SpentWan = pick.Value; break;
            case Rate: b.ExecutionRatePct = pick.Value; break;
            default: b.AdjustmentRatePct = pick.Value; break;
        }
    }

    static void CrossCheck(ParseContext ctx)
    {
        var b = ctx.Extract.Budget;
        if (b is { BudgetWan: > 0, SpentWan: { } spent, ExecutionRatePct: { } rate })
        {
            var computed = spent / b.BudgetWan.Value * 100m;
            if (Math.Abs(computed - rate) > 0.6m)
                ctx.Warn($"budget: stated execution rate {rate}% disagrees with spent ÷ budget = {computed:0.##}%");
        }
        if (b.SpentWan > b.BudgetWan * 3m)
            ctx.Warn($"budget: spent {b.SpentWan} is far above the budget {b.BudgetWan}; check the figures");
    }

    /// <summary>
    /// Whether a statement speaks for the whole report rather than a project, an item or a component. In a
    /// department report the subject must be the department itself: nothing, 我局/本单位/部门, or (an
    /// abbreviation of) its name, as in "广州市工商联全年预算数…". Anything else (城市照明设施维护费,
    /// 政府采购, 基本支出) is a part of the budget, not the budget.
    /// </summary>
    static bool IsReportLevel(ParseContext ctx, string subject, string sentence)
    {
        if (PartialPeriod().IsMatch(sentence)) return false; // "截至6月30日…": a mid-year figure
        subject = Markers.StartsWithMarker(subject) ? subject[Markers.MarkerLength(subject)..] : subject;
        if (ComponentSubject().IsMatch(subject)) return false;
        var cleaned = GenericSubject().Replace(subject, "");
        if (cleaned.Length == 0) return true;
        if (ctx.Extract.ReportKind == "project")
            return ctx.Extract.ProjectName is { } project && cleaned.Contains(project, StringComparison.Ordinal);
        if (SelfSubject().IsMatch(cleaned)) return true;
        if (ctx.Extract.Department?.Name is { } name && IsAbbreviationOf(cleaned, name)) return true;
        // "年中因…任务追加，全年预算调整为…": a clause of circumstance before a subject-less statement, as long
        // as nothing in it names a project, an item or a fund.
        var lastClause = subject[(subject.LastIndexOfAny(['，', ',']) + 1)..];
        return subject.IndexOfAny(['，', ',']) >= 0 && GenericSubject().Replace(lastClause, "").Length == 0 && !ItemWords().IsMatch(subject);
    }

    /// <summary>"广州市工商联" abbreviates "广州市工商业联合会": its characters appear in order in the full name.</summary>
    /// <summary>"2023年，我局年初预算数为…" in a report on 2022: a plan or a past, not the evaluated year.</summary>
    static bool OtherYearOnly(string before, int year)
    {
        var years = Regex.Matches(before, @"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return years.Count > 0 && !years.Contains(year);
    }

    static bool NextCellIsNumber(string flow, int end)
    {
        var i = end;
        while (i < flow.Length && flow[i] is ' ' or '%') i++;
        if (i >= flow.Length || flow[i] != '\t') return false;
        while (i < flow.Length && flow[i] is '\t' or ' ') i++;
        return i < flow.Length && char.IsAsciiDigit(flow[i]);
    }

    static bool IsAbbreviationOf(string shortName, string fullName)
    {
        if (shortName.Length < 2) return false;
        var i = 0;
        foreach (var c in fullName)
            if (i < shortName.Length && shortName[i] == c) i++;
        return i == shortName.Length;
    }

    static int SentenceStart(string flow, int index)
    {
        var i = flow.LastIndexOfAny(['。', '；', ';', '\n', '!', '?', '！', '？'], Math.Max(0, index - 1));
        return i < 0 ? 0 : i + 1;
    }

    /// <summary>A bare number in a table cell: the label's cell, then the value's cell.</summary>
    static bool InCell(string flow, Match m)
    {
        var end = m.Index + m.Length;
        var nextOk = end >= flow.Length || flow[end] is '\t' or '\n';
        return nextOk && m.Groups["mid"].Value.Contains('\t');
    }

    [GeneratedRegex(@"(?:(?<initial>年初预算(?:数|收入|金额|资金|安排数?)?)|(?<![一般公共政府性基金国有资本经营项目基本])(?<budget>全年预算(?:数|支出|金额|资金)?|调整后(?:的)?(?:全年|年度)?预算(?:数|金额|资金)?|年度预算(?:调整数|数|金额|资金)?|预算调整后(?:金额|数)?|(?<=全年|年度)预算调整为|全年可用预算|批复预算(?:数)?|预算批复(?:数|金额)?|预算安排(?:资金|金额)?|安排预算(?:资金)?|预算总?(?:金额|资金|数))|(?<budget>(?<=项目)预算(?!执行|调整|完成|编制|管理|绩效|安排))|(?<![一般公共政府性基金国有资本经营项目基本])(?<spent>全年执行数|执行数|(?:全年|实际|年度|累计|本年|决算)?支出数|决算支出(?:数)?|实际支出(?:金额|资金)?|总支出|本年支出|预算执行(?:数|金额)?(?!率)|实际使用(?:资金)?|已支出|累计支出|全年支出|实际执行(?:数|金额)?)|(?<rate>(?:预算|资金|支出|全年|总体|整体)?执行率|支出率|预算完成率|资金使用率)|(?<adjust>预算调整率))(?<mid>[^\d\n。；;，,]{0,6}?)(?<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.])[ ]*(?<unit>万元|万(?!人|家|个|册|次|户|名|余|多)|亿元|千元|元|%)?")]
    private static partial Regex Statement();

    [GeneratedRegex(@"(?<budget>预算安排|安排预算|预算资金|年度预算|全年预算|一级项目)(?<name>[^\d\n。；;，,]{2,60}?)(?<mid>)(?<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ ]*(?<unit>万元|万|亿元|千元|元)")]
    private static partial Regex NamedBudget();

    [GeneratedRegex(@"项目|经费|专项|资金|费|工程|补助|补贴|采购|基本|人员|公用|其中|子项|二级|所属|下属|附件|学校|我校|医院")]
    private static partial Regex ItemWords();

    [GeneratedRegex(@"^(?:及以上|以上|以下|及以下|的|得\d|扣\d|为宜|为合格|\)得|）得)")]
    private static partial Regex RuleTail();

    [GeneratedRegex(@"比|增|减|占|较|下降|上升|同比|上年|去年|以上|以下|不低于|不少于|目标|计划|预计|≥|≤|>|<|基本支出|项目支出|人员|公用|其中|追加")]
    private static partial Regex BadMid();

    [GeneratedRegex(@"^(?:我|本|该|全)?(?:局|委|办|会|院|所|厅|处|中心|单位|部门|机关|系统|街道|镇|政府|馆|站|队|校)+(?:整体|本级|汇总)?$|^部门")]
    private static partial Regex SelfSubject();

    [GeneratedRegex(@"截[至止]\s*\d{4}\s*年\s*(?:[1-9]|1[01])\s*月|截[至止]\s*(?:[1-9]|1[01])\s*月|上半年|前三季度|1-(?:[1-9]|1[01])月|1至(?:[1-9]|1[01])月")]
    private static partial Regex PartialPeriod();

    [GeneratedRegex(@"基本支出|人员|公用|三公|其中|上年|去年|同比")]
    private static partial Regex ComponentSubject();

    [GeneratedRegex(@"\d{4}\s*年度?|本项目|该项目|项目|本年度|全年|年度|整体|资金|情况|经统计|经核实|据统计|总体|[，,:：\s]")]
    private static partial Regex GenericSubject();
}
