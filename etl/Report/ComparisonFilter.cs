namespace PerfEval.Etl.Report;

/// <summary>
/// The filters of <c>perfeval compare</c> and <c>export</c>: each set one becomes a condition on a
/// column of the view (<c>year</c>, <c>city</c>, <c>district</c>, <c>org_type</c>), passed as a <c>$name</c> parameter.
/// </summary>
public sealed record ComparisonFilter(int? Year = null, string? City = null, string? District = null, string? Org = null)
{
    public static readonly ComparisonFilter None = new();

    /// <summary>(option, column, parameter value) of each filter that is set.</summary>
    public IEnumerable<(string Option, string Column, object Value)> Conditions()
    {
        if (Year is { } year) yield return ("--year", "year", year);
        if (!string.IsNullOrWhiteSpace(City)) yield return ("--city", "city", City.Trim());
        if (!string.IsNullOrWhiteSpace(District)) yield return ("--district", "district", District.Trim());
        if (!string.IsNullOrWhiteSpace(Org)) yield return ("--org", "org_type", Org.Trim());
    }
}
