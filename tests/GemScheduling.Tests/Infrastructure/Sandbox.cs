using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;
using GemScheduling.Harvest.V1;
using GemScheduling.HarvestSandbox;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>A Harvest sandbox on a real Kestrel port, shared by a test class; each test makes its own Greenhouse org.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public HarvestSandboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A new Greenhouse org in the sandbox with a key holding <paramref name="permissions"/> (all by default).</summary>
    public SandboxTenant NewOrg(DataScale? scale = null, int? rateLimit = null, IEnumerable<string>? permissions = null, bool repeatedLinkParams = false, int seed = 7)
    {
        var org = Server.State.CreateOrganization(new OrganizationOptions
        {
            Seed = seed, Scale = scale ?? DataScale.Demo, RateLimit = rateLimit, RepeatedLinkParams = repeatedLinkParams,
        });
        return new SandboxTenant(Server, org, org.CreateApiKey(permissions).Key);
    }
}

public sealed record SandboxTenant(HarvestSandboxServer Server, SandboxOrganization Org, string ApiKey)
{
    public HarvestConnection Connection(string orgId = "org_test") => new(orgId, Server.BaseAddress, ApiKey);

    /// <summary>A Harvest client over real HTTP with the production pipeline and a process-local rate budget.</summary>
    public HarvestV1Client Client(IHarvestRateGate? gate = null, HarvestClientOptions? options = null, string orgId = "org_test", string? apiKey = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (gate is not null)
            services.AddSingleton(gate);
        services.AddHarvestClient(options ?? new HarvestClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(5) });
        var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<HarvestClientFactory>().CreateV1(new HarvestConnection(orgId, Server.BaseAddress, apiKey ?? ApiKey));
    }

    /// <summary>Any enabled user who can organize interviews.</summary>
    public long OrganizerId => Org.ListUsers().First(u => !u.Disabled).Id;
}
