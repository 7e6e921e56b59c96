using GemScheduling.Harvest.RateBudget;
using GemScheduling.Persistence;
using GemScheduling.Security;
using GemScheduling.Sync;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Silo;
using GemScheduling.Tests.Infrastructure.Probe;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// Three silos in process, sharing one migrated PostgreSQL database for the event store and ADO.NET reminders — the
/// production storage, with Orleans' in-process transport and test membership.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public const int SiloCount = 3;

    private NpgsqlDataSource? _dataSource;

    public TestDatabase Database { get; private set; } = null!;
    public FaultyEventStore Store { get; private set; } = null!;
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public static readonly byte[] MasterKey = System.Security.Cryptography.SHA256.HashData("cluster test master key"u8.ToArray());

    /// <summary>Small pages so a small sandbox org spans many pages; short retry delays.</summary>
    public static readonly SyncOptions SyncOptions = new()
    {
        PageSize = 3, PageConcurrency = 4, RetryDelay = TimeSpan.FromMilliseconds(300), StartOnConnect = false,
    };

    /// <summary>Services of the cluster's client host (the connector, the read model) for tests that drive grains directly.</summary>
    public IServiceProvider ClientServices => Cluster.Client.ServiceProvider;

    public async Task InitializeAsync()
    {
        if (!await PostgresServer.IsAvailableAsync())
            return;
        Database = await PostgresServer.CreateDatabaseAsync("cluster");
        _dataSource = await Database.CreateMigratedDataSourceAsync();
        Store = new FaultyEventStore(new PostgresEventStore(_dataSource));
        Cluster = await StartClusterAsync();
    }

    /// <summary>Stops every silo and starts a new cluster on the same database: nothing survives but what was stored.</summary>
    public async Task RestartWholeClusterAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = await StartClusterAsync();
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(SiloCount);
        var connectionString = Database.ConnectionString;
        var store = Store;
        builder.ConfigureHost(host =>
        {
            host.Services.AddSingleton<IEventStore>(store);
            host.Services.AddPostgresPersistence(connectionString);
            host.Services.AddSingleton(new EventAssembly(typeof(JournalProbeGrain).Assembly));
            host.Services.AddSingleton(new CredentialProtector(MasterKey));
            host.Services.AddSingleton(SyncOptions);
            host.Services.AddSingleton(new RateBudgetOptions());
            host.Services.AddSingleton(new GemScheduling.Schedules.ScheduleOptions { BaseBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(2) });
            host.Services.AddSingleton(new GemScheduling.Harvest.HarvestClientOptions
            {
                AttemptTimeout = TimeSpan.FromSeconds(3), TotalTimeout = TimeSpan.FromSeconds(12), RetryBaseDelay = TimeSpan.FromMilliseconds(100),
                Hosts = new GemScheduling.Harvest.Http.GreenhouseHostPolicy { AllowPrivateHosts = true }, // the sandbox is on loopback
            });
            host.Services.AddGemSchedulingGrainServices();
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddGemSchedulingStorageProviders();
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
        if (Database is not null)
            await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "PostgreSQL cluster";
}
