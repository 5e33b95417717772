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
    public void Order_ModelsInACycle_Throws()
    {
        var a = new Model("int_a", "sql/intermediate/int_a.sql", "select * from int_b");
        var b = new Model("int_b", "sql/intermediate/int_b.sql", "select * from int_a");

        Should.Throw<InvalidOperationException>(() => ModelRunner.Order([a, b])).Message.ShouldContain("cycle");
    }
}
