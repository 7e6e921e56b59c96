using GemScheduling.HarvestSandbox.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GemScheduling.HarvestSandbox;

/// <summary>
/// A running Harvest sandbox: a stateful emulator of Greenhouse Harvest v1/v2 and v3 (one store, both surfaces)
/// on its own Kestrel server.
/// Tests and GemScheduling's embedded mode start it in-process; <see cref="SandboxProgram"/> runs it standalone.
/// </summary>
public sealed class HarvestSandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private HarvestSandboxServer(WebApplication app, SandboxState state, Uri baseAddress, SandboxOptions options)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
        Options = options;
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:41234/</c>; Harvest paths hang off it (<c>v1/...</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The Harvest v3 OAuth token endpoint (<c>{BaseAddress}auth/token</c>; the real one is https://auth.greenhouse.io/token).</summary>
    public Uri TokenEndpoint => new(BaseAddress, "auth/token");

    /// <summary>Root of the admin HTTP surface (<c>{BaseAddress}_admin/</c>).</summary>
    public Uri AdminAddress => new(BaseAddress, "_admin/");

    /// <summary>The in-process admin API.</summary>
    public SandboxState State { get; }

    public SandboxOptions Options { get; }

    /// <summary>Fires when the host begins stopping (e.g. SIGTERM in standalone mode).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public static async Task<HarvestSandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SandboxOptions();
        var referenceDate = options.ReferenceDate ?? DateOnly.FromDateTime(options.TimeProvider.GetUtcNow().UtcDateTime);
        var state = new SandboxState(options.TimeProvider, referenceDate, options.CallLogCapacity);
        if (options.DemoOrg)
        {
            var demo = state.CreateOrganization(new OrganizationOptions
            {
                Seed = options.Seed,
                Scale = options.DemoScale,
                RateLimit = options.DemoRateLimit,
            });
            state.DemoOrganization = demo;
            state.DemoApiKey = demo.CreateApiKey(description: "Demo key (all permissions)").Key;
            if (options.DemoV3Credentials)
            {
                state.DemoV3Credentials = demo.CreateV3Credentials(description: "Demo v3 client (all scopes)");
            }
        }

        var serverInfo = new SandboxServerInfo(options.PublicBaseAddress);
        var app = SandboxApplication.Build(options, state, serverInfo);
        await app.StartAsync(ct);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        if (!serverInfo.HasConfiguredPublicBase)
        {
            serverInfo.PublicBase = baseAddress;
        }

        return new HarvestSandboxServer(app, state, baseAddress, options);
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            foreach (var organization in State.Organizations)
            {
                organization.StopWebhookDelivery();
            }

            await _app.StopAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
