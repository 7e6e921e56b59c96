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

    /// <summary>
    /// Says, once the server listens, which mode this replica runs in, which database and cluster it joined, and where
    /// it answers, so an operator reading one screen of output knows what started.
    /// </summary>
    public static WebApplication AnnounceStartup(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var silo = app.Services.GetRequiredService<SiloSettings>();
            Console.WriteLine(Banner(silo, app.Environment.EnvironmentName));
            app.Logger.LogDebug("GemScheduling assemblies loaded: {Assemblies}", string.Join(", ", AppDomain.CurrentDomain.GetAssemblies()
                .Select(a => a.GetName().Name).Where(n => n?.StartsWith("GemScheduling", StringComparison.Ordinal) == true).Order()));
            foreach (var address in addresses)
                Console.WriteLine($"GemScheduling is running at {address}; API reference: {address}/scalar/v1");
            var admin = app.Services.GetRequiredService<Auth.AdminToken>();
            if (admin.Generated)
                Console.WriteLine($"Admin token for this run (set Admin__Token to choose your own): {admin.Value}");
            else if (admin.Value is null)
                Console.WriteLine("No Admin__Token is configured: orgs cannot be created through the API.");
        });
        return app;
    }

    /// <summary>Mode, database (never its password) and cluster, in one line.</summary>
    public static string Banner(SiloSettings silo, string environment)
    {
        if (silo.IsEmbedded)
            return $"GemScheduling ({environment}): embedded mode, in memory, one silo; nothing is kept after it stops.";
        var database = new Npgsql.NpgsqlConnectionStringBuilder(silo.PostgresConnectionString);
        return $"GemScheduling ({environment}): cluster '{silo.ClusterId}' (service '{silo.ServiceId}'), silo {silo.AdvertisedHost ?? System.Net.Dns.GetHostName()}:{silo.SiloPort}, " +
               $"PostgreSQL {database.Host}:{database.Port}/{database.Database} as {database.Username}.";
    }
}
