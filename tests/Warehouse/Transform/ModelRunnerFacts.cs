using PerfEval.Etl.Transform;

namespace PerfEval.Tests.Warehouse.Transform;

public sealed class ModelRunnerFacts
{
    static int IndexOf(string name) => ModelRunner.Models.Select(m => m.Name).ToList().IndexOf(name);

    [Fact]
    public void Models_EveryContractTable_IsAModel()
    {
        var names = ModelRunner.Models.Select(m => m.Name).ToList();

        foreach (var table in new[] { "dim_department", "dim_year", "dim_project", "dim_indicator", "dim_cause", "dim_document",
                     "fct_evaluation", "fct_deduction", "fct_problem", "fct_indicator_result", "fct_project_budget" })
            names.ShouldContain(table);
    }

    [Fact]
    public void Models_EachReadsOnlyModelsBuiltBeforeIt()
    {
        var models = ModelRunner.Models;
        for (var i = 0; i < models.Count; i++)
            models.Skip(i + 1).Where(models[i].References).Select(m => m.Name).ShouldBeEmpty($"{models[i].Name} reads a model built after it");
        IndexOf("int_document").ShouldBeLessThan(IndexOf("dim_document"));
        IndexOf("dim_project").ShouldBeLessThan(IndexOf("fct_evaluation"));
        IndexOf("fct_evaluation").ShouldBeLessThan(IndexOf("rpt_scores"));
    }

    [Fact]
    public void Models_ReadOnlyDownwardThroughTheLayers()
    {
        foreach (var model in ModelRunner.Models)
            ModelRunner.Models.Where(model.References).ShouldAllBe(other => other.LayerRank <= model.LayerRank, $"{model.Name} reads a later layer");
    }

    [Fact]
    public void Models_FollowTheHouseShape_EndingInSelectFromFinal()
    {
        foreach (var model in ModelRunner.Models)
        {
            model.ResourceName.ShouldEndWith($"/{model.Name}.sql");
            model.Sql.ShouldContain("select * from final", customMessage: model.Name);
            model.LayerRank.ShouldBeGreaterThan(0, model.Name);
        }
    }

    [Fact]
    public void IncrementalOrder_PerDocumentModelsTogether_AfterTheOtherDimensions_InDependencyOrder()
    {
        ModelRunner.IncrementalOrder.Grouped.ShouldBeTrue("the models as they are allow the per-document phases");
        var order = ModelRunner.IncrementalOrder.Models;

        order.Select(m => m.Name).ShouldBe(ModelRunner.Models.Select(m => m.Name), ignoreOrder: true);
        for (var i = 0; i < order.Count; i++)
            order.Skip(i + 1).Where(order[i].References).Select(m => m.Name).ShouldBeEmpty($"{order[i].Name} reads a model built after it");
        // Whole models, then the per-document tables (with the int_ models only they read, and last the dim_/fct_ views,
        // which read them), then the per-document reports, then the other reports.
        ModelRunner.IncrementalOrder.IntermediatesWithTables.ShouldBe(["int_evaluation_spent"]);
        var withTables = ModelRunner.IncrementalOrder.IntermediatesWithTables;
        var groups = order.Select(m => m.IsPerDocument || withTables.Contains(m.Name) ? 1 : m.IsMartView ? 1.5 : m.IsPerDocumentReport ? 2 : m.IsReport ? 3 : 0).ToList();
        groups.ShouldBe(groups.Order().ToList());
        groups.Distinct().Count().ShouldBe(5);
        // The per-document reports are the ones named in the README's incremental section.
        order.Where(m => m.IsPerDocumentReport).Select(m => m.Name).ShouldBe(["rpt_cause_texts", "rpt_indicators", "rpt_flags"]);
    }

    [Fact]
    public void MartViews_AreTheFactsThatAreTheirStagedRows_AndReadOnlyTables()
    {
        ModelRunner.Models.Where(m => m.IsMartView).Select(m => m.Name)
            .ShouldBe(["fct_deduction", "fct_deduction_cause", "fct_problem", "fct_problem_cause", "fct_score_part"], ignoreOrder: true);
        ModelRunner.Tables.ShouldNotContain("fct_deduction");
        ModelRunner.Tables.ShouldContain("fct_evaluation");
        foreach (var view in ModelRunner.Models.Where(m => m.IsMartView))
            ModelRunner.Models.Where(view.References).ShouldAllBe(read => !read.IsIntermediate && !read.IsReport, $"{view.Name} reads a model a build replaces with a scratch table");
        // The marker alone does not make a view of another layer.
        new Model("rpt_x", "sql/reports/rpt_x.sql", "-- view: x\nselect * from final").IsMartView.ShouldBeFalse();
        new Model("fct_x", "sql/marts/fct_x.sql", "-- One row per x\nselect * from final").IsMartView.ShouldBeFalse();
    }

    [Fact]
    public void AReportWithAViewOfItsOwn_MaterialisesTheFirstPart_AndMakesTheViewOfTheSecond()
    {
        var report = new Model("rpt_x", "sql/reports/rpt_x.sql",
            $"with final as (select 1 as document_id, 2 as rank)\nselect * from final\n;\n{Model.ViewMarker}\nwith final as (select r.*, 3 as extra from rpt_x__data as r)\nselect * from final\n");

        report.Body.ShouldBe("with final as (select 1 as document_id, 2 as rank)\nselect * from final");
        report.ReportView.ShouldStartWith(Model.ViewMarker);
        report.ReportView.ShouldEndWith("select * from final");
        report.CreateStatement.ShouldContain($"create or replace table rpt_x__data as\n{report.Body}\n;");
        report.CreateStatement.ShouldContain($"create or replace view rpt_x as\n{report.ReportView}\n;");
        report.UpdateStatement.ShouldContain($"create view if not exists rpt_x as\n{report.ReportView}\n;");

        var plain = new Model("rpt_y", "sql/reports/rpt_y.sql", "with final as (select 1 as document_id)\nselect * from final\n");
        plain.Body.ShouldBe("with final as (select 1 as document_id)\nselect * from final");
        plain.ReportView.ShouldBe("select * from rpt_y__data");
        // The marker means nothing outside a report.
        new Model("fct_z", "sql/marts/fct_z.sql", $"select * from final\n{Model.ViewMarker}\nselect 1").Body.ShouldContain(Model.ViewMarker);
        // The wide reports rebuilt whole keep only what spans documents in their tables.
        ModelRunner.Models.Where(m => m.IsReport && m.ReportView != $"select * from {m.Name}__data").Select(m => m.Name)
            .ShouldBe(["rpt_execution", "rpt_scores", "rpt_yoy"], ignoreOrder: true);
    }

    [Fact]
    public void IntDocument_IsKeptInItsTable_UnderItsView()
    {
        // A rerun computes again only the rows of the version keys it adds to (IncrementalBuild.UpdateVersionsAsync).
        var kept = ModelRunner.Models.Where(m => m.IsKeptIntermediate).ToList();
        kept.Select(m => m.Name).ShouldBe(["int_document"]);
        kept[0].IsView.ShouldBeTrue("analysts read int_document as before");
        kept[0].CreateStatement.ShouldStartWith("create or replace table int_document__data as");
        // The table keeps each document's keys and version, not its staged row again: the view joins that.
        kept[0].Body.ShouldContain("version_key");
        kept[0].Body.ShouldNotContain("from int_document__data");
        kept[0].ReportView.ShouldContain("from int_document__data");
        kept[0].ReportView.ShouldContain("from stg_document");
    }

    [Fact]
    public void IncrementalOrder_NoReportReadsAnIntermediateNarrowedToTheAffectedDocuments()
    {
        // The per-document int_ tables hold only the affected documents' rows once the per-document phase starts.
        var narrowed = ModelRunner.Models.Where(m => m.IsIntermediate && m.HasPerDocumentRows).ToList();
        narrowed.Select(m => m.Name).ShouldBe(["int_project", "int_evaluation_spent"], ignoreOrder: true);
        ModelRunner.Models.Where(m => m.IsReport && narrowed.Any(m.References)).ShouldBeEmpty();
    }

    [Fact]
    public void OrderForIncrementalBuild_ADimensionReadingAPerDocumentModel_KeepsTheFullOrder()
    {
        var perDocument = new Model("dim_document", "sql/marts/dim_document.sql", "-- incremental: document_id\nselect * from final");
        var reader = new Model("dim_project", "sql/marts/dim_project.sql", "select * from dim_document");
        var models = ModelRunner.Order([perDocument, reader]);

        var order = ModelRunner.OrderForIncrementalBuild(models);

        order.Grouped.ShouldBeFalse();
        order.Models.ShouldBe(models);
    }

    [Fact]
    public void OrderForIncrementalBuild_APerDocumentReportReadingAWholeReport_KeepsTheFullOrder()
    {
        // A per-document report may only read per-document tables and reports and the dimensions: rows of a report
        // over every document (ranks, medians) change for documents the run did not touch.
        var fact = new Model("fct_evaluation", "sql/marts/fct_evaluation.sql", "-- incremental: document_id\nselect * from final");
        var whole = new Model("rpt_scores", "sql/reports/rpt_scores.sql", "select * from fct_evaluation");
        var byDocument = new Model("rpt_flags", "sql/reports/rpt_flags.sql", "-- incremental: document_id\nselect * from rpt_scores");
        var models = ModelRunner.Order([fact, whole, byDocument]);

        ModelRunner.OrderForIncrementalBuild(models).Grouped.ShouldBeFalse();
    }

    [Fact]
    public void OrderForIncrementalBuild_AReportReadingANarrowedIntermediate_KeepsTheFullOrder()
    {
        var intermediate = new Model("int_document", "sql/intermediate/int_document.sql", "-- incremental: document_id\nselect * from final");
        var fact = new Model("fct_evaluation", "sql/marts/fct_evaluation.sql", "-- incremental: document_id\nselect * from int_document");
        var report = new Model("rpt_scores", "sql/reports/rpt_scores.sql", "select * from fct_evaluation join int_document using (document_id)");
        var models = ModelRunner.Order([intermediate, fact, report]);

        ModelRunner.OrderForIncrementalBuild(models).Grouped.ShouldBeFalse();
        ModelRunner.OrderForIncrementalBuild(ModelRunner.Order([intermediate, fact])).Grouped.ShouldBeTrue();
    }

    [Fact]
    public void OrderForIncrementalBuild_AnIntermediateOnlyPerDocumentTablesRead_IsBuiltWithThem()
    {
        var document = new Model("int_document", "sql/intermediate/int_document.sql", "-- incremental: document_id\nselect * from final");
        var spent = new Model("int_spent", "sql/intermediate/int_spent.sql", "-- incremental: document_id\nselect * from int_document");
        var dimension = new Model("dim_year", "sql/marts/dim_year.sql", "select * from int_document");
        var fact = new Model("fct_evaluation", "sql/marts/fct_evaluation.sql", "-- incremental: document_id\nselect * from int_spent join dim_year using (year)");

        var order = ModelRunner.OrderForIncrementalBuild(ModelRunner.Order([document, spent, dimension, fact]));

        order.Grouped.ShouldBeTrue();
        // int_document is also read by a dimension built whole, so it is built whole first; int_spent only by the fact.
        order.IntermediatesWithTables.ShouldBe(["int_spent"]);
        order.Models.Select(m => m.Name).ShouldBe(["int_document", "dim_year", "int_spent", "fct_evaluation"]);
    }

    [Fact]
    public void Order_ModelsInACycle_Throws()
    {
        var a = new Model("int_a", "sql/intermediate/int_a.sql", "select * from int_b");
        var b = new Model("int_b", "sql/intermediate/int_b.sql", "select * from int_a");

        Should.Throw<InvalidOperationException>(() => ModelRunner.Order([a, b])).Message.ShouldContain("cycle");
    }
}
