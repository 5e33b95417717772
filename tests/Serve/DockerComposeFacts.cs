using System.CommandLine;
using Npgsql;
using PerfEval.Jobs.Commands;
using PerfEval.Jobs.Serve;
using YamlDotNet.RepresentationModel;

namespace PerfEval.Tests.Serve;

/// <summary>
/// docker-compose.yml and the Dockerfile cannot run here, so they are read: the services, ports and volumes must
/// agree with what <c>perfeval serve</c> accepts and where it reads and writes.
/// </summary>
public sealed class DockerComposeFacts
{
    static readonly string Root = FindRoot();
    readonly YamlMappingNode compose = Load(Path.Combine(Root, "docker-compose.yml"));

    YamlMappingNode Service(string name) => (YamlMappingNode)((YamlMappingNode)compose["services"])[name];

    List<string> Command => ((YamlSequenceNode)Service("perfeval")["command"]).Select(n => ((YamlScalarNode)n).Value!).ToList();

    string Option(string name) => Command[Command.IndexOf(name) + 1];

    [Fact]
    public void Postgres_IsPinnedWithNamedVolumeAndHealthCheck()
    {
        var postgres = Service("postgres");

        Scalar(postgres["image"]).ShouldMatch(@"^postgres:\d+\.\d+[-\w]*$");
        var volume = Scalar(((YamlSequenceNode)postgres["volumes"])[0]).Split(':')[0];
        ((YamlMappingNode)compose["volumes"]).Children.Keys.Select(Scalar).ShouldContain(volume);
        string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)postgres["healthcheck"])["test"]).Select(Scalar)).ShouldContain("pg_isready");
    }

    [Fact]
    public void Perfeval_CommandParsesAsServeWithPostgresStorage()
    {
        Command[0].ShouldBe("serve");
        var parse = ServeCommand.Create().Parse(Command.Skip(1).ToList());

        parse.Errors.ShouldBeEmpty();
        Option("--storage").ShouldBe("postgres");
        var known = ServeCommand.Create().Options.Select(o => o.Name).ToHashSet();
        Command.Where(t => t.StartsWith("--", StringComparison.Ordinal)).ShouldAllBe(t => known.Contains(t));
    }

    [Fact]
    public void Perfeval_DashboardPortIsPublishedAndListensOnAllInterfaces()
    {
        var dashboard = new Uri(Option("--dashboard"));
        var ports = ((YamlSequenceNode)Service("perfeval")["ports"]).Select(Scalar).ToList();

        dashboard.Host.ShouldBe("0.0.0.0");
        ports.ShouldContain(p => p.Split(':').Last() == dashboard.Port.ToString());
        File.ReadAllText(Path.Combine(Root, "Dockerfile")).ShouldContain($"EXPOSE {dashboard.Port}");
    }

    [Fact]
    public void Perfeval_SourceWarehouseAndExportsLieOnVolumes()
    {
        var mounts = ((YamlSequenceNode)Service("perfeval")["volumes"]).Select(Scalar).Select(v => v.Split(':')[1]).ToList();

        foreach (var path in new[] { Option("--source"), Path.GetDirectoryName(Option("--warehouse"))!, Option("--exports") })
            mounts.ShouldContain(path, $"{path} is not on a volume, so it would be lost with the container");
    }

    [Fact]
    public void Perfeval_WaitsForHealthyPostgresAndRestarts()
    {
        var perfeval = Service("perfeval");

        Scalar(((YamlMappingNode)((YamlMappingNode)perfeval["depends_on"])["postgres"])["condition"]).ShouldBe("service_healthy");
        Scalar(perfeval["restart"]).ShouldBe("unless-stopped");
        Scalar(((YamlMappingNode)perfeval["environment"])[ServeOptions.PostgresVariable]).ShouldStartWith("${" + ServeOptions.PostgresVariable);
    }

    [Fact]
    public void EnvExample_ConnectsToThePostgresService()
    {
        var line = File.ReadAllLines(Path.Combine(Root, ".env.example")).Single(l => l.StartsWith(ServeOptions.PostgresVariable + "=", StringComparison.Ordinal));
        var connection = new NpgsqlConnectionStringBuilder(line[(ServeOptions.PostgresVariable.Length + 1)..]);
        var postgres = (YamlMappingNode)Service("postgres")["environment"];

        connection.Host.ShouldBe("postgres");
        connection.Database.ShouldBe(Scalar(postgres["POSTGRES_DB"]));
        connection.Username.ShouldBe(Scalar(postgres["POSTGRES_USER"]));
    }

    [Fact]
    public void Dockerfile_BuildsWithTheSdkAndRunsOnAspNet()
    {
        var from = File.ReadAllLines(Path.Combine(Root, "Dockerfile")).Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        from.Count.ShouldBe(2);
        from[0].ShouldStartWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build");
        from[1].ShouldStartWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0");
        Scalar(((YamlMappingNode)Service("perfeval")["build"])["dockerfile"]).ShouldBe("Dockerfile");
    }

    static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PerfEvalWarehouse.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("PerfEvalWarehouse.sln not found above the test folder");
    }
}
