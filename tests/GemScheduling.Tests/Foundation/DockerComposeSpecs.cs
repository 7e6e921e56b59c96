using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace GemScheduling.Tests.Foundation;

/// <summary>No container engine runs here, so the compose file is checked by reading it.</summary>
public sealed class DockerComposeSpecs
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static Dictionary<string, Dictionary<object, object>> Services()
    {
        using var reader = new StreamReader(Path.Combine(RepoRoot, "docker-compose.yml"));
        // MergingParser resolves the &replica anchors and << merge keys the way docker compose does.
        var compose = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
        return ((Dictionary<object, object>)compose["services"]).ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value);
    }

    private static string Scalar(Dictionary<object, object> node, params string[] path)
    {
        object current = node;
        foreach (var key in path)
            current = current is List<object> list ? list[int.Parse(key)] : ((Dictionary<object, object>)current)[key];
        return (string)current;
    }

    private static string Env(Dictionary<object, object> service, string key) =>
        ((Dictionary<object, object>)service["environment"]).TryGetValue(key, out var value) ? (string)value : "";

    [Fact]
    public void Given_the_compose_file_then_it_runs_postgres_a_migration_step_and_two_replicas_of_one_built_image()
    {
        var services = Services();
        Assert.Superset(new HashSet<string> { "postgres", "migrate", "silo1", "silo2" }, services.Keys.ToHashSet());

        var migrate = services["migrate"];
        Assert.Equal(".", Scalar(migrate, "build", "context"));
        Assert.True(File.Exists(Path.Combine(RepoRoot, Scalar(migrate, "build", "dockerfile"))));
        Assert.Equal("migrate", Scalar(migrate, "command", "0"));

        foreach (var silo in new[] { services["silo1"], services["silo2"] })
        {
            Assert.Equal(Scalar(migrate, "image"), Scalar(silo, "image"));
            Assert.Contains("Host=postgres", Env(silo, "ConnectionStrings__Postgres"));
            Assert.Contains("Database=gemscheduling", Env(silo, "ConnectionStrings__Postgres"));
            Assert.Equal("gemscheduling", Env(silo, "Orleans__ClusterId"));
            Assert.EndsWith(":8080", Scalar(silo, "ports", "0"));
            Assert.Equal("service_completed_successfully", Scalar(silo, "depends_on", "migrate", "condition"));
            Assert.Contains("GEMSCHEDULING_MASTER_KEY", Env(silo, "Secrets__MasterKey"));
            Assert.Contains("GEMSCHEDULING_ADMIN_TOKEN", Env(silo, "Admin__Token"));
        }

        Assert.NotEqual(Env(services["silo1"], "Orleans__AdvertisedHost"), Env(services["silo2"], "Orleans__AdvertisedHost"));
        Assert.Equal(Env(services["silo1"], "ConnectionStrings__Postgres"), Env(migrate, "ConnectionStrings__Postgres"));
        Assert.Equal("gemscheduling", Env(services["postgres"], "POSTGRES_DB"));
    }

    [Fact]
    public void Given_the_compose_file_then_only_the_http_ports_are_published_and_silo_traffic_stays_on_an_internal_network()
    {
        using var reader = new StreamReader(Path.Combine(RepoRoot, "docker-compose.yml"));
        var compose = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
        var networks = (Dictionary<object, object>)compose["networks"];
        var services = Services();

        Assert.Equal("true", Scalar((Dictionary<object, object>)networks["cluster"], "internal"));
        Assert.False(services["postgres"].ContainsKey("ports"));
        foreach (var silo in new[] { services["silo1"], services["silo2"] })
        {
            var published = ((List<object>)silo["ports"]).Cast<string>().ToList();
            Assert.All(published, p => Assert.EndsWith(":8080", p));
            Assert.Contains("cluster", ((List<object>)silo["networks"]).Cast<string>());
            Assert.Equal("", Env(silo, "Orleans__GatewayPort"));
        }
    }

    [Fact]
    public void Given_the_Dockerfile_then_it_exposes_no_gateway_and_runs_as_an_unprivileged_user()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepoRoot, "Dockerfile"));

        var expose = Assert.Single(dockerfile, l => l.StartsWith("EXPOSE", StringComparison.Ordinal));
        Assert.Equal("EXPOSE 8080 11111", expose);
        var user = dockerfile.Last(l => l.StartsWith("USER", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user);
        Assert.True(Array.IndexOf(dockerfile, user) > Array.FindLastIndex(dockerfile, l => l.StartsWith("FROM", StringComparison.Ordinal)), "USER must apply to the final image");
    }

    [Fact]
    public void Given_the_Dockerfile_then_it_publishes_the_api_and_starts_the_assembly_that_project_builds()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepoRoot, "Dockerfile"));

        Assert.Contains("dotnet publish src/Api/GemScheduling.Api.csproj", dockerfile);
        Assert.Contains("""ENTRYPOINT ["dotnet", "GemScheduling.Api.dll"]""", dockerfile);
        Assert.Equal("GemScheduling.Api", typeof(Program).Assembly.GetName().Name);
    }

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GemScheduling.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("GemScheduling.sln not found above the test binaries");
    }
}
