using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace GemScheduling.Api.Health;

/// <summary>Ready only while this replica's silo is an active cluster member.</summary>
internal sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy("silo active")
            : HealthCheckResult.Unhealthy($"silo {oracle.CurrentStatus}"));
}
