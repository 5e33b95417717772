using System.Text.RegularExpressions;
using PerfEval.Etl.Extract.Text;

namespace PerfEval.Etl.Extract.Rules;

/// <summary>
/// Named projects and sub-projects with money: "2、对口合作及经贸活动预算 8 万元,实际支出 3.11 万",
/// "1. 课题调研工作支出 30 万元", and lists "二级项目：商会建设工作经费 10 万元、…和工商联换届大会 8 万元".
/// A spent amount shared by two projects ("A预算10万元和B预算7万元，实际支出15.85万") is given to neither.
/// </summary>
internal static partial class ProjectRules
{
    public static void Apply(ParseContext ctx)
    {
        var rows = new List<ProjectRow>();
        Lists(ctx, rows);
        BudgetStatements(ctx, rows);
        SpentStatements(ctx, rows);
        var joint = JointSpending(ctx, rows);
        ctx.Extract.Projects.AddRange(rows.Where(r => r.BudgetWan is not null || r.SpentWan is not null));
        ctx.Extract.Projects.AddRange(joint); // after the single rows, so a name finds its own row first
    }

    /// <summary>"1、A预算 10 万元和B 7 万元，实际支出 15.85 万": one row for the spending A and B share.</summary>
    static List<ProjectRow> JointSpending(ParseContext ctx, List<ProjectRow> rows)
    {
        var joint = new List<ProjectRow>();
        foreach (var m in ctx.MatchesInSentences(JointStatement(), "支出"))
        {
            ctx.Budget.Check();
            if (!Isolated(ctx.Flow, m, "v")) continue;
            var itemsStart = m.Groups["items"].Index;
            var names = new List<string>();
            foreach (Match item in JointItem().Matches(m.Groups["items"].Value))
            {
                var g = item.Groups["name"];
                var name = CleanName(ctx, itemsStart + g.Index, itemsStart + g.Index + g.Length);
                if (name is null || !ProjectLike().IsMatch(name)) { names.Clear(); break; }
                names.Add(name);
            }
            if (names.Count < 2 || names.Distinct().Count() != names.Count) continue;
            foreach (var name in names) Row(rows, name).Evidence ??= ctx.Text.EvidenceOf(m.Index, m.Index + m.Length);
            joint.Add(new ProjectRow
            {
                Name = string.Join("、", names), Covers = names,
                SpentWan = Wan(m.Groups["v"].Value, m.Groups["u"].Value),
                Evidence = ctx.Text.EvidenceOf(m.Index, m.Index + m.Length, m.Groups["v"].Index, m.Groups["v"].Index + m.Groups["v"].Length),
            });
        }
        return joint;
    }

    /// <summary>"分以下10个二级项目：A 10 万元、B 8 万元…": amounts that are budgets of the listed sub-projects.</summary>
    static void Lists(ParseContext ctx, List<ProjectRow> rows)
    {
        foreach (Match intro in ListIntro().Matches(ctx.Flow))
        {
            ctx.Budget.Check();
            var start = intro.Index + intro.Length;
            var end = ctx.Flow.IndexOfAny(['。', '\n'], start);
            if (end < 0) end = ctx.Flow.Length;
            var spent = intro.Value.Contains("支出", StringComparison.Ordinal) || intro.Value.Contains("执行", StringComparison.Ordinal);
            foreach (Match item in ListItem().Matches(ctx.Flow[start..end]))
            {
                if (!Amounts.IsIsolated(ctx.Flow, start + item.Groups["v"].Index, start + item.Groups["v"].Index + item.Groups["v"].Length)) continue;
                var name = CleanName(ctx, start + item.Groups["name"].Index, start + item.Groups["name"].Index + item.Groups["name"].Length);
                var wan = Wan(item.Groups["v"].Value, item.Groups["unit"].Value);
                if (name is null || wan is null) continue;
                var row = Row(rows, name);
                if (spent) row.SpentWan ??= wan; else row.BudgetWan ??= wan;
                row.Evidence ??= ctx.Text.EvidenceOf(start + item.Index, start + item.Index + item.Length);
            }
        }
    }

    /// <summary>"NAME(项目)?(年初)?预算 X 万元(，年度预算为 Y 万元)?(，实际支出|预算执行 Z 万元)?(，执行率 R%)?".</summary>
    static void BudgetStatements(ParseContext ctx, List<ProjectRow> rows)
    {
        foreach (var m in ctx.MatchesInSentences(BudgetStatement(), "预算"))
        {
            ctx.Budget.Check();
            if (!Isolated(ctx.Flow, m, "v1", "v2", "v3", "rate")) continue;
            var nameGroup = m.Groups["name"];
            var name = CleanName(ctx, nameGroup.Index, nameGroup.Index + nameGroup.Length);
            if (name is null || name == ctx.Extract.ProjectName || !ProjectLike().IsMatch(name)) continue;
            var row = Row(rows, name);
            var first = Wan(m.Groups["v1"].Value, m.Groups["u1"].Value);
            if (m.Groups["second"].Success)
            {
                row.InitialWan ??= first;
                row.BudgetWan ??= Wan(m.Groups["v2"].Value, m.Groups["u2"].Value);
            }
            else if (m.Groups["l1"].Value.StartsWith("年初", StringComparison.Ordinal)) row.InitialWan ??= first;
            else row.BudgetWan ??= first;
            if (m.Groups["v3"].Success && !SharedSpending(ctx.Flow, m)) row.SpentWan ??= Wan(m.Groups["v3"].Value, m.Groups["u3"].Value);
            if (m.Groups["rate"].Success) row.ExecutionRatePct ??= Amounts.ParseNumber(m.Groups["rate"].Value);
            row.Evidence ??= ctx.Text.EvidenceOf(m.Index, m.Index + m.Length);
        }
    }

    /// <summary>"1. “专精特新”民营企业扶优计划项目支出 50 万元": an enumerated item naming a project and its spending.</summary>
    static void SpentStatements(ParseContext ctx, List<ProjectRow> rows)
    {
        foreach (var m in ctx.MatchesInSentences(SpentStatement(), "支出"))
        {
            ctx.Budget.Check();
            if (!Isolated(ctx.Flow, m, "v")) continue;
            var g = m.Groups["name"];
            var name = CleanName(ctx, g.Index, g.Index + g.Length);
            if (name is null || !ProjectLike().IsMatch(name) || FinalAccountsLine().IsMatch(SentenceTail(ctx.Flow, m))) continue;
            var row = Row(rows, name);
            row.SpentWan ??= Wan(m.Groups["v"].Value, m.Groups["unit"].Value);
            row.Evidence ??= ctx.Text.EvidenceOf(m.Index, m.Index + m.Length);
        }
    }

    /// <summary>True when the clause before this statement already named another budgeted item ("A预算…和B预算…，实际支出…").</summary>
    static bool SharedSpending(string flow, Match m) => m.Groups["joined"].Success;

    static string SentenceTail(string flow, Match m)
    {
        var end = flow.IndexOfAny(['。', '\n'], m.Index + m.Length);
        return flow[(m.Index + m.Length)..(end < 0 ? flow.Length : end)];
    }

    static bool Isolated(string flow, Match m, params string[] groups) =>
        groups.All(name => m.Groups[name] is not { Success: true } g || Amounts.IsIsolated(flow, g.Index, g.Index + g.Length));

    static ProjectRow Row(List<ProjectRow> rows, string name)
    {
        var row = rows.FirstOrDefault(r => r.Name == name);
        if (row is null)
        {
            row = new ProjectRow { Name = name };
            rows.Add(row);
        }
        return row;
    }

    static decimal? Wan(string number, string unit) =>
        Amounts.ParseNumber(number) is { } v && Amounts.ToWan(v, unit) is { } w ? Amounts.Clean(w) : null;

    static string? CleanName(ParseContext ctx, int start, int end)
    {
        var name = ctx.Text.OriginalCompact(start, end);
        name = LeadingNoise().Replace(name, "");
        name = name.TrimEnd('的', '，', ',', '、');
        if (name.Length is < 2 or > 40 || GenericName().IsMatch(name) || name.Any(char.IsDigit) && !name.Contains('“')) return null;
        return name;
    }

    [GeneratedRegex(@"(?<=(?:^|[\n。；;:])\s*(?:\d{1,2}\s*[.、)）]|[(（]\d{1,2}[)）])\s*)(?<items>[^\n。；;:，,]{4,160}?)[，,](?:实际支出|预算执行|实际执行|共支出|合计支出|支出)(?:数|金额)?(?:为|是|:)?(?<v>\d+(?:\.\d+)?)\s*(?<u>万元|万|元)")]
    private static partial Regex JointStatement();

    [GeneratedRegex(@"(?:^|(?<=元|万)(?:和|及|、|以及))(?<name>[^\d、]{2,40}?)(?:项目)?(?:预算|年初预算|全年预算)?(?:数|金额)?(?:为)?\d+(?:\.\d+)?\s*(?:万元|万|元)(?=$|和|及|、|以及)")]
    private static partial Regex JointItem();

    [GeneratedRegex(@"(?:二级项目|子项目|明细项目|具体项目|包括|分别为|分别是)[^:。\n]{0,6}:")]
    private static partial Regex ListIntro();

    [GeneratedRegex(@"(?<name>[^、，,；;:。\d]{2,30}?)\s*(?<v>\d+(?:\.\d+)?)\s*(?<unit>万元|万|元)")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(?<=^|[\n。；;:，,、]|和|及|\d[.、]|[)）])(?<joined>(?<=和|及))?(?:\d{4}年度?)?(?<name>[^\n。；;:，,、\d]{2,40}?)(?<l1>年初预算|全年预算|年度预算|预算)(?:数|金额|资金)?(?:为|是|:)?(?<v1>\d+(?:\.\d+)?)\s*(?<u1>万元|万|元)(?<second>[，,](?:年度预算|全年预算|调整后预算|调整预算)(?:数)?(?:为|是|:)?(?<v2>\d+(?:\.\d+)?)\s*(?<u2>万元|万|元))?(?:[，,](?:实际支出|预算执行|实际执行|支出|执行)(?:数|金额)?(?:为|是|:)?(?<v3>\d+(?:\.\d+)?)\s*(?<u3>万元|万|元))?(?:[，,](?:执行率|支出率)(?:为|是|:)?(?<rate>\d+(?:\.\d+)?)%)?")]
    private static partial Regex BudgetStatement();

    [GeneratedRegex(@"(?<=(?:^|[\n。；;:])\s*(?:\d{1,2}\s*[.、)）]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]是|[①-⑳])\s*)(?<name>[^\n。；;:，,、]{2,40}?)(?:实际)?支出(?:了)?(?<v>\d+(?:\.\d+)?)\s*(?<unit>万元|万|元)")]
    private static partial Regex SpentStatement();

    [GeneratedRegex(@"项目|经费|费$|专项|工作$|活动$|计划|工程|补助|补贴|建设|运营|会议|大会|资金$|服务$")]
    private static partial Regex ProjectLike();

    /// <summary>"…支出0万元，与上年决算数持平": a line of the final accounts, not a project.</summary>
    [GeneratedRegex(@"上年|持平|同比|增长|下降|增加|减少")]
    private static partial Regex FinalAccountsLine();

    [GeneratedRegex(@"^(?:\d{4}年度?|其中|一级项目|二级项目|以及|和|及|本项目|该项目)+")]
    private static partial Regex LeadingNoise();

    [GeneratedRegex(@"^(?:全年|年度|年初|部门|单位|本单位|我单位|合计|总计|小计|实际|项目|基本支出|项目支出|人员经费|公用经费|一般公共|财政拨款|其他)$|支出$|收入$|预算$")]
    private static partial Regex GenericName();
}
