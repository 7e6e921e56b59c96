using GemScheduling.Persistence.Database;
using GemScheduling.Persistence.Emails;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Persistence.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace GemScheduling.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Production: every store on PostgreSQL through one shared data source.</summary>
    public static IServiceCollection AddPostgresPersistence(this IServiceCollection services, string connectionString, GroupCommitOptions? groupCommit = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StorageHealth>();
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(WithServiceDefaults(connectionString)).Build());
        services.TryAddSingleton<SchemaMigrator>();
        groupCommit ??= new GroupCommitOptions();
        services.TryAddSingleton(sp => new GroupCommitter(sp.GetRequiredService<NpgsqlDataSource>(), groupCommit));
        services.TryAddSingleton<IEventStore>(sp => groupCommit.Enabled
            ? new GroupCommitEventStore(sp.GetRequiredService<GroupCommitter>(), sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<StorageHealth>())
            : new PostgresEventStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<StorageHealth>()));
        services.TryAddSingleton<IGreenhouseReadModel, PostgresGreenhouseReadModel>();
        services.TryAddSingleton<IScheduleIndex, PostgresScheduleIndex>();
        services.TryAddSingleton<ISentEmailLog, PostgresSentEmailLog>();
        services.TryAddSingleton<Orgs.PostgresOrgDirectory>();
        services.TryAddSingleton<Orgs.IOrgDirectory>(sp => sp.GetRequiredService<Orgs.PostgresOrgDirectory>());
        services.TryAddSingleton<Orgs.ITokenUsage>(sp => sp.GetRequiredService<Orgs.PostgresOrgDirectory>());
        return services;
    }

    /// <summary>
    /// The service's connection defaults, each only where the operator's string says nothing of it: connecting (and
    /// waiting for a pooled connection) gives up after 3 s and a command after 10 s, so an unreachable database is a quick
    /// 503 rather than requests hanging for Npgsql's 15 s and 30 s defaults; plus <see cref="WithPoolDefaults"/>.
    /// </summary>
    public static string WithServiceDefaults(string connectionString)
    {
        var given = GivenKeys(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(WithPoolDefaults(connectionString));
        if (!given.Contains("Timeout"))
            builder.Timeout = 3;
        if (!given.Contains("CommandTimeout"))
            builder.CommandTimeout = 10;
        return builder.ConnectionString;
    }

    /// <summary>
    /// What every pool of the service gets unless told otherwise (Orleans' providers keep Npgsql's timeouts): pooled
    /// connections are not reset on return (the reset was 144,003 of 480,393 statements in a bench run) and repeated
    /// statements are prepared; no session state is kept (no temp tables, no SET, and the one session lock is released where
    /// it is taken). The connections carry the service's name in pg_stat_activity.
    /// </summary>
    public static string WithPoolDefaults(string connectionString)
    {
        var given = GivenKeys(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("NoResetOnClose"))
            builder.NoResetOnClose = true;
        if (!given.Contains("MaxAutoPrepare"))
            builder.MaxAutoPrepare = 64;
        if (!given.Contains("ApplicationName"))
            builder.ApplicationName = "gemscheduling";
        return builder.ConnectionString;
    }

    // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows, given or not: read the keys given.
    private static HashSet<string> GivenKeys(string connectionString) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The embedded default: the same contracts, in process memory.</summary>
    public static IServiceCollection AddInMemoryPersistence(this IServiceCollection services)
    {
        services.TryAddSingleton<StorageHealth>();
        services.TryAddSingleton<IEventStore>(sp => new InMemoryEventStore(sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IGreenhouseReadModel, InMemoryGreenhouseReadModel>();
        services.TryAddSingleton<IScheduleIndex, InMemoryScheduleIndex>();
        services.TryAddSingleton<ISentEmailLog, InMemorySentEmailLog>();
        services.TryAddSingleton<Orgs.InMemoryOrgDirectory>();
        services.TryAddSingleton<Orgs.IOrgDirectory>(sp => sp.GetRequiredService<Orgs.InMemoryOrgDirectory>());
        services.TryAddSingleton<Orgs.ITokenUsage>(sp => sp.GetRequiredService<Orgs.InMemoryOrgDirectory>());
        return services;
    }
}
