using GemScheduling.Persistence.Database;
using Microsoft.Extensions.Hosting;

namespace GemScheduling.Silo;

/// <summary>Brings the schema up to date before the silo touches it; replicas starting together queue on an advisory lock.</summary>
internal sealed class MigrateBeforeSiloStarts(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
