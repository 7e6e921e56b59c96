using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;
using GemScheduling.Harvest.V1;
using GemScheduling.Harvest.V3;
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
    /// <summary>The sandbox listens on loopback, which only an operator's AllowPrivateHosts lets Greenhouse calls reach.</summary>
    public static readonly GemScheduling.Harvest.Http.GreenhouseHostPolicy Loopback = new() { AllowPrivateHosts = true };

    public HarvestConnection Connection(string orgId = "org_test") => new(orgId, Server.BaseAddress, ApiKey);

    /// <summary>A Harvest client over real HTTP with the production pipeline and a process-local rate budget.</summary>
    public HarvestV1Client Client(IHarvestRateGate? gate = null, HarvestClientOptions? options = null, string orgId = "org_test", string? apiKey = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (gate is not null)
            services.AddSingleton(gate);
        services.AddHarvestClient((options ?? new HarvestClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(5) }) with { Hosts = Loopback });
        var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<HarvestClientFactory>().CreateV1(new HarvestConnection(orgId, Server.BaseAddress, apiKey ?? ApiKey));
    }

    /// <summary>A Harvest v3 client over real HTTP with the production pipeline, for new (or the given) client credentials.</summary>
    public HarvestV3Client V3Client(
        SandboxV3Credentials? credentials = null, IHarvestRateGate? gate = null, string orgId = "org_test", TimeProvider? time = null, HarvestLane lane = HarvestLane.Interactive)
    {
        credentials ??= Org.CreateV3Credentials();
        var services = new ServiceCollection().AddLogging();
        if (gate is not null)
            services.AddSingleton(gate);
        if (time is not null)
            services.AddSingleton(time);
        services.AddHarvestClient(new HarvestClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(5), Hosts = Loopback });
        var provider = services.BuildServiceProvider();
        var oauth = new OAuthClientCredentials(credentials.ClientId, credentials.ClientSecret, new Uri(Server.BaseAddress, "auth/token"));
        return provider.GetRequiredService<HarvestClientFactory>().CreateV3(HarvestConnection.ForV3(orgId, Server.BaseAddress, oauth), lane);
    }

    /// <summary>
    /// What an admin sends to connect this org through <paramref name="apiVersion"/>: the API key (v1), or new v3 client
    /// credentials holding <paramref name="v3Scopes"/> (all by default) under a v3 limit of <paramref name="v3RateLimit"/> per 30 s.
    /// </summary>
    public Orgs.ConnectGreenhouse ConnectRequest(string apiVersion, string organizerEmail, int? v3RateLimit = 1000, IEnumerable<string>? v3Scopes = null)
    {
        if (apiVersion == "v1")
            return new Orgs.ConnectGreenhouse("v1", Server.BaseAddress.ToString(), ApiKey, organizerEmail);
        Org.SetV3RateLimit(v3RateLimit);
        var credentials = Org.CreateV3Credentials(v3Scopes);
        return new Orgs.ConnectGreenhouse("v3", Server.BaseAddress.ToString(), null, organizerEmail,
            ClientId: credentials.ClientId, ClientSecret: credentials.ClientSecret);
    }

    /// <summary>The sandbox endpoint id of a v1 permission in the given Harvest version.</summary>
    public static string Endpoint(string apiVersion, string v1PermissionId) => apiVersion == "v3" ? V3Endpoints.For(v1PermissionId) : v1PermissionId;

    /// <summary>Any enabled user who can organize interviews.</summary>
    public long OrganizerId => Org.ListUsers().First(u => !u.Disabled).Id;
}
