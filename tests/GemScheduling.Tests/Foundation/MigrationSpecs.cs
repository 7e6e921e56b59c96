using GemScheduling.Persistence.Database;
using GemScheduling.Silo;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Infrastructure.Probe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GemScheduling.Tests.Foundation;

/// <summary>The schema is ours: ordered, idempotent, race-safe, and complete enough for real silos to run on it.</summary>
public sealed class MigrationSpecs
{
    [SkippableFact]
    public async Task Given_a_migrated_database_when_migrations_run_again_then_nothing_is_applied()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("migrate_twice");
        await using var dataSource = database.CreateDataSource();
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(Migration.All.Count, first.Applied.Count);
        Assert.Empty(second.Applied);
        Assert.Equal(Migration.All.Count, await database.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [SkippableFact]
    public async Task Given_replicas_starting_together_when_they_all_migrate_then_each_migration_is_applied_once()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("migrate_race");
        await using var dataSource = database.CreateDataSource();

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync())));

        Assert.Equal(Migration.All.Count, reports.Sum(r => r.Applied.Count));
        Assert.Equal(Migration.All.Count, await database.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [SkippableFact]
    public async Task Given_the_migrated_schema_then_every_Orleans_query_key_the_providers_require_is_present()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("migrate_keys");
        await using var dataSource = database.CreateDataSource();
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        string[] required =
        [
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
            "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
            "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
            "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        ];
        foreach (var key in required)
            Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM OrleansQuery WHERE QueryKey = @k", ("k", key)));
    }

    [SkippableFact]
    public async Task Given_an_empty_database_when_two_production_replicas_start_then_they_form_one_cluster_with_no_gateway_open()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("silo_start");
        var clusterId = $"cluster-{Guid.NewGuid():N}";

        // Both replicas migrate at start-up (advisory lock) and join through our membership queries.
        using var replicaA = await StartReplicaAsync(database.ConnectionString, clusterId);
        using var replicaB = await StartReplicaAsync(database.ConnectionString, clusterId);

        var grains = replicaA.Services.GetRequiredService<IGrainFactory>();
        var key = $"state-{Guid.NewGuid():N}";
        await grains.GetGrain<IStateProbeGrain>(key).Save("kept in orleans_grain_state");
        Assert.True(await grains.GetGrain<IStateProbeGrain>(key).EnsureReminder("probe-reminder"));
        var viaOtherReplica = await replicaB.Services.GetRequiredService<IGrainFactory>().GetGrain<IStateProbeGrain>(key).Load();

        Assert.Equal("kept in orleans_grain_state", viaOtherReplica);
        // The API is co-hosted: neither replica opens an Orleans gateway (proxy port 0 in the membership table).
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = @c AND proxy_port <> 0", ("c", clusterId)));
        Assert.Equal(2, await database.ScalarAsync("SELECT count(*) FROM orleans_membership WHERE deployment_id = @c AND status = 3", ("c", clusterId)));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'probe-reminder'"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'state-probe'"));

        await replicaB.StopAsync();
        await replicaA.StopAsync();
    }

    private static async Task<IHost> StartReplicaAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Secrets:MasterKey"] = Convert.ToBase64String(new byte[32]);
        builder.AddGemSchedulingSilo(new SiloSettings
        {
            PostgresConnectionString = connectionString,
            ClusterId = clusterId,
            SiloPort = FreePort.Next(),
            AdvertisedHost = "127.0.0.1",
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
