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
        var order = ModelRunner.IncrementalOrder;

        order.Select(m => m.Name).ShouldBe(ModelRunner.Models.Select(m => m.Name), ignoreOrder: true);
        for (var i = 0; i < order.Count; i++)
            order.Skip(i + 1).Where(order[i].References).Select(m => m.Name).ShouldBeEmpty($"{order[i].Name} reads a model built after it");
        var perDocument = order.Select((m, i) => (m, i)).Where(x => x.m.IsPerDocument).Select(x => x.i).ToList();
        perDocument.ShouldNotBeEmpty();
        (perDocument[^1] - perDocument[0] + 1).ShouldBe(perDocument.Count, "the per-document models are built one after the other");
        order.Take(perDocument[0]).ShouldAllBe(m => !m.IsPerDocument && !m.IsReport);
        order.Skip(perDocument[^1] + 1).ShouldAllBe(m => m.IsReport);
    }

    [Fact]
    public void OrderForIncrementalBuild_ADimensionReadingAPerDocumentModel_KeepsTheFullOrder()
    {
        var perDocument = new Model("dim_document", "sql/marts/dim_document.sql", "-- incremental: document_id\nselect * from final");
        var reader = new Model("dim_project", "sql/marts/dim_project.sql", "select * from dim_document");
        var models = ModelRunner.Order([perDocument, reader]);

        ModelRunner.OrderForIncrementalBuild(models).ShouldBe(models);
    }

    [Fact]
    public void Order_ModelsInACycle_Throws()
    {
        var a = new Model("int_a", "sql/intermediate/int_a.sql", "select * from int_b");
        var b = new Model("int_b", "sql/intermediate/int_b.sql", "select * from int_a");

        Should.Throw<InvalidOperationException>(() => ModelRunner.Order([a, b])).Message.ShouldContain("cycle");
    }
}
