using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Silo;

namespace GemScheduling.Api.Embedded;

/// <summary>
/// The embedded default's try-it-now setup: a Harvest sandbox with demo data in this process, and a demo org already
/// connected to it and syncing, with an API token printed at start-up. Off with <c>Demo:Enabled=false</c>, and never
/// on with PostgreSQL (production talks to the real Greenhouse).
/// </summary>
internal sealed class EmbeddedDemo(
    IServiceProvider services, IHostApplicationLifetime lifetime, IConfiguration configuration, EmbeddedDemoInfo info, ILogger<EmbeddedDemo> logger)
    : IHostedService, IAsyncDisposable
{
    private HarvestSandboxServer? _sandbox;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions
        {
            Urls = configuration["Demo:SandboxUrl"] ?? "http://127.0.0.1:5081",
            Seed = configuration.GetValue("Demo:Seed", 42),
            DemoRateLimit = 50,
            DemoV3Credentials = true,
            LogToConsole = false,
        }, cancellationToken);
        lifetime.ApplicationStarted.Register(() => _ = ConnectDemoOrgAsync());
    }

    private async Task ConnectDemoOrgAsync()
    {
        try
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            var orgId = ApiTokens.NewOrgId();
            var org = grains.Grain<IOrgGrain>(orgId);
            await org.Create("Demo Recruiting", "demo");
            var token = await org.IssueToken(new IssueApiToken("demo", TokenRole.Admin, null, "demo"));
            var target = _sandbox!.State.DemoOrganization!.FindSchedulingTarget();
            var organizer = _sandbox.State.DemoOrganization.GetUser(target!.OrganizerUserId).PrimaryEmailAddress;
            // Harvest v3 by default, as Greenhouse retired v1/v2 on 2026-08-31; Demo:HarvestVersion=v1 shows the API-key path.
            var version = (configuration["Demo:HarvestVersion"] ?? "v3").ToLowerInvariant();
            var v3 = _sandbox.State.DemoV3Credentials!;
            var request = version == "v1"
                ? new ConnectGreenhouse("v1", _sandbox.BaseAddress.ToString(), _sandbox.State.DemoApiKey, organizer)
                : new ConnectGreenhouse("v3", _sandbox.BaseAddress.ToString(), null, organizer, ClientId: v3.ClientId, ClientSecret: v3.ClientSecret);
            await org.ConnectGreenhouse(request, "demo");
            var webhook = await ConnectWebhookAsync(grains, orgId);

            (info.OrgId, info.SandboxUrl, info.Greenhouse) = (orgId, _sandbox.BaseAddress, _sandbox.State.DemoOrganization);
            Console.WriteLine($"Demo Greenhouse (Harvest sandbox): {_sandbox.BaseAddress} (admin surface {_sandbox.AdminAddress})");
            Console.WriteLine(version == "v1"
                ? $"Demo org connected through Harvest v1/v2 with API key {_sandbox.State.DemoApiKey}"
                : $"Demo org connected through Harvest v3 with OAuth client {v3.ClientId} (its secret is on the sandbox's admin surface)");
            Console.WriteLine($"Demo org {orgId} is connected to it and syncing; the sandbox's admin-surface changes arrive as webhooks at {webhook}. Try:");
            Console.WriteLine($"  export GS_TOKEN={token.Token}");
            var url = services.GetRequiredService<Hosting.PublicUrls>().For($"/api/v1/orgs/{orgId}/applications/{target.ApplicationId}");
            Console.WriteLine($"  curl -H \"Authorization: Bearer $GS_TOKEN\" {url}");
            Console.WriteLine($"or, in a browser, sign in with that token at {services.GetRequiredService<Hosting.PublicUrls>().For("/console")}: find a candidate, " +
                "book a suggestion or create a booking link for them, and watch the write-backs land.");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The demo org could not be set up; the service runs without it");
        }
    }

    /// <summary>Greenhouse's Dev Center step, done for the demo: a generated secret, given to the sandbox with this endpoint.</summary>
    private async Task<Uri> ConnectWebhookAsync(IGrainFactory grains, string orgId)
    {
        var issued = await grains.Grain<GemScheduling.Webhooks.IGreenhouseWebhookGrain>(orgId).Configure(null, "demo");
        var endpoint = new Uri(services.GetRequiredService<Hosting.PublicUrls>().For($"{Api.Webhooks.GreenhouseWebhooksApi.DeliveryPath}/{orgId}"));
        _sandbox!.State.DemoOrganization!.ConfigureWebhook(endpoint, issued.GeneratedSecret!);
        return endpoint;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sandbox is not null)
            await _sandbox.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
            await _sandbox.DisposeAsync();
    }
}

/// <summary>
/// Whether this process runs the demo. Kept apart from <see cref="EmbeddedDemo"/> so that deciding does not load the
/// sandbox: a production replica never loads or exposes it.
/// </summary>
public static class EmbeddedDemoSwitch
{
    public static bool IsEnabled(IConfiguration configuration) =>
        SiloSettings.From(configuration).IsEmbedded && configuration.GetValue("Demo:Enabled", true);

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<EmbeddedDemoInfo>();
        services.AddHostedService<EmbeddedDemo>();
    }
}

/// <summary>Where the embedded demo lives once it is set up.</summary>
public sealed class EmbeddedDemoInfo
{
    public string? OrgId { get; set; }
    public Uri? SandboxUrl { get; set; }

    /// <summary>The demo's Greenhouse, for acting on it as its UI would (the sandbox's admin surface does the same over HTTP).</summary>
    public SandboxOrganization? Greenhouse { get; set; }
}
