using PerfEval.Etl.Extract;

namespace PerfEval.Tests.Warehouse.Fixtures;

/// <summary>Hand-written extracts for warehouse tests, so they do not depend on the parser.</summary>
internal sealed class ReportBuilder
{
    readonly ReportExtract extract;

    ReportBuilder(ReportExtract extract) => this.extract = extract;

    /// <summary>A department report (部门整体支出) of a district unit; pass <paramref name="district"/> null for a city unit.</summary>
    public static ReportBuilder Department(string name, int year, string city = "广州市", string? district = null, string? level = null) =>
        new(new ReportExtract
        {
            ReportKind = "department",
            Year = year,
            Department = new DepartmentInfo { Name = name, City = city, District = district, Level = level ?? (district is null ? "city" : "district") },
        });

    /// <summary>A project report (项目支出) for <paramref name="project"/> of a city unit.</summary>
    public static ReportBuilder Project(string department, string project, int year, string city = "江门市") =>
        new(new ReportExtract
        {
            ReportKind = "project",
            Year = year,
            ProjectName = project,
            Department = new DepartmentInfo { Name = department, City = city, Level = "city" },
        });

    public static ReportExtract Rejected(string error) => ReportExtract.Rejected("", null, error);

    public ReportBuilder Score(decimal? total, params (string Name, decimal? Max, decimal? Score)[] parts)
    {
        extract.Score.Total = total;
        extract.Score.Parts = parts.Select(p => new ScorePart { Name = p.Name, Max = p.Max, Score = p.Score }).ToList();
        if (total is not null) extract.Evidence["score.total"] = new Evidence(3, $"自评得分{total}分");
        return this;
    }

    public ReportBuilder Budget(decimal? budget, decimal? spent, decimal? executionRate = null, decimal? initial = null)
    {
        extract.Budget = new BudgetInfo { BudgetWan = budget, SpentWan = spent, ExecutionRatePct = executionRate, InitialWan = initial };
        if (executionRate is not null) extract.Evidence["budget.execution_rate_pct"] = new Evidence(11, $"预算完成率\t{executionRate}%");
        return this;
    }

    public ReportBuilder Deduction(string section, string indicator, decimal max, decimal points, params string[] causes)
    {
        extract.Deductions.Add(new Deduction { Section = section, Indicator = indicator, MaxPoints = max, Points = points, Reason = "原因", Causes = [.. causes] });
        return this;
    }

    public ReportBuilder Indicator(string name, decimal? target, decimal? actual, decimal? completion, decimal? max = null, decimal? score = null)
    {
        extract.Indicators.Add(new IndicatorRow
        {
            Category = "产出指标", Dimension = "数量指标", Name = name, TargetValue = target, ActualValue = actual,
            Target = target?.ToString(System.Globalization.CultureInfo.InvariantCulture), Actual = actual?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CompletionPct = completion, MaxPoints = max, Score = score, Unit = "次",
        });
        return this;
    }

    public ReportBuilder SubProject(string name, decimal? budget, decimal? spent, string? parent = null)
    {
        extract.Projects.Add(new ProjectRow { Name = name, BudgetWan = budget, SpentWan = spent, Parent = parent });
        return this;
    }

    public ReportBuilder Problem(string text, params string[] causes)
    {
        extract.Problems.Add(new Problem { Text = text, Causes = [.. causes] });
        return this;
    }

    public ReportExtract Build() => extract;
}
