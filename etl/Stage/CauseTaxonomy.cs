using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using DuckDB.NET.Data;
using DuckDB.NET.Data.Mapping;
using PerfEval.Etl.Warehouse;

namespace PerfEval.Etl.Stage;

/// <summary>The deduction-cause taxonomy: data in <c>sql/taxonomy/causes.csv</c> that analysts extend.</summary>
public static class CauseTaxonomy
{
    public const string ResourceName = "sql/taxonomy/causes.csv";

    public sealed record Cause(string Code, string? NameZh, string? NameEn, string? Patterns);

    public static IReadOnlyList<Cause> Read()
    {
        using var reader = new StringReader(SqlResources.Read(ResourceName));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant() });
        return csv.GetRecords<Cause>().ToList();
    }

    /// <summary>Replaces <c>stg_cause</c> with the embedded taxonomy.</summary>
    public static async Task StageAsync(DuckDBConnection connection)
    {
        await connection.ExecuteAsync("delete from stg_cause");
        using var appender = connection.CreateAppender<Cause, CauseMap>("stg_cause");
        appender.AppendRecords(Read());
        appender.Close();
    }

    sealed class CauseMap : DuckDBAppenderMap<Cause>
    {
        public CauseMap()
        {
            Map(c => c.Code);
            Map(c => c.NameZh);
            Map(c => c.NameEn);
            Map(c => c.Patterns);
        }
    }
}
