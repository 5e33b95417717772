using Dapper;
using PerfEval.Etl.Stage;
using PerfEval.Etl.Warehouse;
using PerfEval.Tests.Warehouse.Fixtures;

namespace PerfEval.Tests.Warehouse.Stage;

/// <summary>Bulk-loading extracts into the stg_ tables of a real DuckDB file.</summary>
public sealed class StagingWriterFacts : IDisposable
{
    readonly TempWarehouse warehouse = new();

    public void Dispose() => warehouse.Dispose();

    [Fact]
    public async Task StagingTablesByDocument_AreTheStagingTablesWithADocumentIdColumn_AsDuckDbMakesThem()
    {
        // An incremental build narrows these tables to the documents it computes again, from the list read off their files.
        await using var open = await warehouse.BeginLoadAsync();

        var catalog = open.Connection.Query<string>(
            "select table_name from duckdb_columns() where database_name = current_database() and schema_name = 'main' and table_name like 'stg\\_%' escape '\\' and column_name = 'document_id'").ToList();
        catalog.ShouldNotBeEmpty();
        WarehouseSchema.StagingTablesByDocument.ShouldBe(catalog, ignoreOrder: true);
        WarehouseSchema.StagingTablesByDocument.ShouldNotContain("stg_cause", "the taxonomy's rows belong to no document");
    }

    [Fact]
    public async Task Append_Extract_WritesEveryListToItsTable()
    {
        await using var open = await warehouse.BeginLoadAsync();
        var connection = open.Connection;
        var extract = Seeds.Seed000();
        extract.Measures.Add("加快支出进度");
        extract.Warnings.Add("未找到年初预算");

        using (var writer = new StagingWriter(connection))
        {
            writer.Append(new StagedDocument(7, 1, "abc", "000.txt", 123, "1.0.0", extract, new DateTime(2026, 1, 1)));
            writer.Close();
        }

        connection.ExecuteScalar<long>("select count(*) from stg_document where document_id = 7 and total_score = 98.94 and warnings_count = 1").ShouldBe(1);
        connection.ExecuteScalar<long>("select count(*) from stg_score_part").ShouldBe(2);
        connection.Query<string>("select causes from stg_deduction order by deduction_seq").ShouldBe(["spending_pace", "disclosure"]);
        connection.Query<string>("select field from stg_evidence order by field").ShouldBe(["budget.execution_rate_pct", "score.total"]);
        connection.ExecuteScalar<long>("select count(*) from stg_project").ShouldBe(1);
        connection.ExecuteScalar<string>("select text from stg_measure").ShouldBe("加快支出进度");
        connection.ExecuteScalar<string>("select text from stg_warning").ShouldBe("未找到年初预算");
    }

    [Fact]
    public void CauseTaxonomy_HasTheEightCodesOfTheExtractContract()
    {
        CauseTaxonomy.Read().Select(c => c.Code).ShouldBe(
            ["spending_pace", "disclosure", "procurement", "epidemic", "budget_preparation", "target_setting", "asset_management", "other"]);
        CauseTaxonomy.Read().ShouldAllBe(c => !string.IsNullOrEmpty(c.NameZh));
    }
}
