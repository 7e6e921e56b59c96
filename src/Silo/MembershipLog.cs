using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GemScheduling.Silo;

/// <summary>
/// Logs every change of a silo's status this replica learns of (joining, active, shutting down, dead), so a failover can
/// be read from any replica's log next to the requests it delayed.
/// </summary>
internal sealed class MembershipLog(IClusterMembershipService membership, ILocalSiloDetails local, ILogger<MembershipLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var known = new Dictionary<SiloAddress, SiloStatus>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var (silo, member) in snapshot.Members)
                {
                    if (known.TryGetValue(silo, out var before) && before == member.Status)
                        continue;
                    known[silo] = member.Status;
                    var self = silo.Equals(local.SiloAddress) ? " (this replica)" : "";
                    if (member.Status == SiloStatus.Dead)
                        logger.LogWarning("Cluster membership {Version}: silo {Silo}{Self} is {Status}", snapshot.Version.Value, silo, self, member.Status);
                    else
                        logger.LogInformation("Cluster membership {Version}: silo {Silo}{Self} is {Status}", snapshot.Version.Value, silo, self, member.Status);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
