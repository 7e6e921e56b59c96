using GemScheduling.Silo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GemScheduling.Api.Hosting;

public static class HostingExtensions
{
    public const string DefaultLocalUrl = "http://127.0.0.1:5080";

    /// <summary>The embedded default listens on loopback only; containers and operators set ASPNETCORE_URLS or --urls.</summary>
    public static WebApplicationBuilder UseLocalUrlWhenNoneConfigured(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
            builder.WebHost.UseUrls(DefaultLocalUrl);
        return builder;
    }

    /// <summary>Prints where the service answers, so the README's one command tells the user what to open.</summary>
    public static WebApplication AnnounceUrls(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var mode = app.Services.GetRequiredService<SiloSettings>().IsEmbedded ? "embedded (in-memory, no external services)" : "PostgreSQL cluster";
            foreach (var address in addresses)
                Console.WriteLine($"GemScheduling is running at {address} ({mode}); API reference: {address}/scalar/v1");
            var admin = app.Services.GetRequiredService<Auth.AdminToken>();
            if (admin.Generated)
                Console.WriteLine($"Admin token for this run (set Admin__Token to choose your own): {admin.Value}");
            else if (admin.Value is null)
                Console.WriteLine("No Admin__Token is configured: orgs cannot be created through the API.");
        });
        return app;
    }
}
