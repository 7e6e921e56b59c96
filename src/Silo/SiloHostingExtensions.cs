using Orleans.Dashboard;
using System.Net;
using System.Net.Sockets;
using GemScheduling.Persistence;
using GemScheduling.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace GemScheduling.Silo;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Co-hosts a GemScheduling silo in this process. With a PostgreSQL connection string every replica joins one
    /// cluster (clustering, reminders, event store); without one it runs alone on 127.0.0.1 with in-memory stores.
    /// </summary>
    public static IHostApplicationBuilder AddGemSchedulingSilo(this IHostApplicationBuilder builder, SiloSettings? settings = null)
    {
        settings ??= SiloSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        // Resolved now so a production replica without a master key refuses to start instead of failing later.
        builder.Services.AddSingleton(CredentialProtector.FromConfiguration(builder.Configuration, allowEphemeral: settings.IsEmbedded));
        builder.Services.AddGemSchedulingGrainServices(settings.Greenhouse);

        if (settings.IsEmbedded)
        {
            builder.Services.AddInMemoryPersistence();
        }
        else
        {
            builder.Services.AddPostgresPersistence(settings.PostgresConnectionString!, settings.GroupCommit);
            builder.Services.AddHostedService<StorageHealthProbe>();
            if (settings.MigrateOnStartup)
                builder.Services.AddHostedService<MigrateBeforeSiloStarts>(); // registered before UseOrleans, so it runs first
        }

        builder.UseOrleans(silo => silo.ConfigureGemScheduling(settings));
        if (!settings.IsEmbedded)
            builder.Services.AddHostedService<MembershipLog>();
        return builder;
    }

    public static ISiloBuilder ConfigureGemScheduling(this ISiloBuilder silo, SiloSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.AddGemSchedulingStorageProviders();
        if (settings.Dashboard)
            silo.AddDashboard(o => o.HideTrace = true); // no live log stream: logs name orgs and addresses, and a browser is no log sink

        // The API is co-hosted, so no Orleans client needs a gateway: port 0 leaves it off (no open door to the grains).
        if (settings.IsEmbedded)
        {
            silo.UseLocalhostClustering(settings.SiloPort, gatewayPort: 0);
            silo.UseInMemoryReminderService();
            silo.AddMemoryGrainStorageAsDefault();
            return silo;
        }

        var connectionString = PersistenceServiceCollectionExtensions.WithPoolDefaults(settings.PostgresConnectionString!);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
        var advertised = AdvertisedAddress(settings);
        silo.ConfigureEndpoints(advertised, settings.SiloPort, gatewayPort: 0, listenOnAnyHostAddress: false);
        // Silo-to-silo traffic listens on one interface only: the advertised address, or the operator's choice.
        silo.Configure<EndpointOptions>(o => o.SiloListeningEndpoint = new IPEndPoint(ListenAddress(settings) ?? advertised, settings.SiloPort));
        return silo;
    }

    /// <summary>Log consistency through our event store; the same for every silo, in tests and in production.</summary>
    public static ISiloBuilder AddGemSchedulingStorageProviders(this ISiloBuilder silo)
    {
        silo.AddCustomStorageBasedLogConsistencyProviderAsDefault();
        silo.AddCustomStorageBasedLogConsistencyProvider("CustomStorage");
        return silo;
    }

    private static IPAddress? ListenAddress(SiloSettings settings) =>
        string.IsNullOrWhiteSpace(settings.ListenAddress) ? null
        : IPAddress.TryParse(settings.ListenAddress, out var address) ? address
        : throw new InvalidOperationException($"Orleans:ListenAddress '{settings.ListenAddress}' is not an IP address.");

    private static IPAddress AdvertisedAddress(SiloSettings settings)
    {
        var host = string.IsNullOrWhiteSpace(settings.AdvertisedHost) ? Dns.GetHostName() : settings.AdvertisedHost;
        if (IPAddress.TryParse(host, out var address))
            return address;
        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
               ?? addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
               ?? throw new InvalidOperationException($"Orleans:AdvertisedHost '{host}' has no IPv4 address.");
    }
}
