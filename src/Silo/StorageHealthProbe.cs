using GemScheduling.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GemScheduling.Silo;

/// <summary>
/// Asks PostgreSQL "SELECT 1" every second, so an outage is known within a couple of seconds — before requests pile
/// up waiting on it — and so is its end.
/// </summary>
internal sealed class StorageHealthProbe(NpgsqlDataSource dataSource, StorageHealth health, TimeProvider time, ILogger<StorageHealthProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(timeout.Token);
                if (health.IsDown)
                    logger.LogWarning("PostgreSQL answers again");
                health.Succeeded();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database's own error goes to the log, once per outage; readiness and API answers only say it is unreachable.
                if (!health.IsDown)
                    logger.LogWarning("PostgreSQL is unreachable: {Error}", ex.Message);
                health.Failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
