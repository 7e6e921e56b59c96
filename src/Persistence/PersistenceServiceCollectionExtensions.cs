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
    public static IServiceCollection AddPostgresPersistence(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<IEventStore, PostgresEventStore>();
        services.TryAddSingleton<IGreenhouseReadModel, PostgresGreenhouseReadModel>();
        services.TryAddSingleton<IScheduleIndex, PostgresScheduleIndex>();
        services.TryAddSingleton<ISentEmailLog, PostgresSentEmailLog>();
        return services;
    }

    /// <summary>The embedded default: the same contracts, in process memory.</summary>
    public static IServiceCollection AddInMemoryPersistence(this IServiceCollection services)
    {
        services.TryAddSingleton<IEventStore>(sp => new InMemoryEventStore(sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IGreenhouseReadModel, InMemoryGreenhouseReadModel>();
        services.TryAddSingleton<IScheduleIndex, InMemoryScheduleIndex>();
        services.TryAddSingleton<ISentEmailLog, InMemorySentEmailLog>();
        return services;
    }
}
