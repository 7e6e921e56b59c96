using System.Reflection;
using NetArchTest.Rules;

namespace GemScheduling.Grains.Tests;

/// <summary>
/// The boundaries docs/ARCHITECTURE.md draws, checked on the compiled assemblies: grains and the API reach Greenhouse
/// only through the port (src/Greenhouse), never through the Harvest client it wraps.
/// </summary>
public sealed class ArchitectureSpecs
{
    /// <summary>The Harvest client's namespace and those under it (GemScheduling.HarvestSandbox, the emulator, is another).</summary>
    private const string HarvestClient = "GemScheduling.Harvest";

    private static readonly Assembly Grains = typeof(GemScheduling.Schedules.ScheduleGrain).Assembly;
    private static readonly Assembly Contracts = typeof(GemScheduling.Schedules.IScheduleGrain).Assembly;
    private static readonly Assembly Api = typeof(GemScheduling.Api.Hosting.GreenhouseSaid).Assembly;
    private static readonly Assembly Port = typeof(GemScheduling.Greenhouse.IGreenhouse).Assembly;

    public static TheoryData<string> Layers => new(["Grains", "Grains.Abstractions", "Api"]);

    private static Assembly Layer(string name) => name switch
    {
        "Grains" => Grains,
        "Grains.Abstractions" => Contracts,
        _ => Api,
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Given_a_layer_above_the_port_then_none_of_its_types_uses_the_Harvest_client(string layer)
    {
        var result = Types.InAssembly(Layer(layer)).ShouldNot().HaveDependencyOn(HarvestClient).GetResult();

        Assert.True(result.IsSuccessful, $"{layer} uses the Harvest client in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Given_the_port_itself_then_the_same_rule_finds_its_use_of_the_Harvest_client()
    {
        // The rule can fail: the adapters behind the port are exactly where the Harvest client is used.
        var result = Types.InAssembly(Port).ShouldNot().HaveDependencyOn(HarvestClient).GetResult();

        Assert.False(result.IsSuccessful);
        Assert.Contains(result.FailingTypeNames, name => name.Contains("V3Greenhouse", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_grain_contracts_then_they_reference_neither_the_grains_nor_the_port_adapters_nor_the_Harvest_client()
    {
        var references = Contracts.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(Grains.GetName().Name, references);
        Assert.DoesNotContain("GemScheduling.Harvest", references);
        Assert.DoesNotContain(Port.GetName().Name, references);
    }

    /// <summary>Every type the grains assembly defines: grains, their state and events, planners, hosting.</summary>
    private static string[] GrainInternals() =>
        Grains.GetTypes().Where(t => !t.IsNested && t.Namespace?.StartsWith("GemScheduling", StringComparison.Ordinal) == true).Select(t => t.FullName!).ToArray();

    [Fact]
    public void Given_the_API_then_it_uses_the_grains_only_through_their_contracts()
    {
        var internals = GrainInternals();
        Assert.Contains("GemScheduling.Schedules.ScheduleGrain", internals);

        var result = Types.InAssembly(Api).ShouldNot().HaveDependencyOnAny(internals).GetResult();

        Assert.True(result.IsSuccessful, $"the API uses grain internals in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Given_the_silo_host_then_the_same_rule_finds_its_use_of_the_grains()
    {
        // The silo registers the grains and their services, so the rule that keeps the API out must fail here.
        var result = Types.InAssembly(typeof(GemScheduling.Silo.SiloHostingExtensions).Assembly).ShouldNot().HaveDependencyOnAny(GrainInternals()).GetResult();

        Assert.False(result.IsSuccessful);
        Assert.Contains("GemScheduling.Silo.SiloHostingExtensions", result.FailingTypeNames); // it calls AddGemSchedulingGrainServices, a grains-assembly type
    }

    [Fact]
    public void Given_the_grains_then_their_assembly_does_not_reference_the_Harvest_client_at_all()
    {
        Assert.DoesNotContain("GemScheduling.Harvest", Grains.GetReferencedAssemblies().Select(a => a.Name));
        Assert.DoesNotContain("GemScheduling.Harvest", Api.GetReferencedAssemblies().Select(a => a.Name));
    }
}
