using GemScheduling.Api.Hosting;
using GemScheduling.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GemScheduling.Api.Health;

/// <summary>While the database is known to be down, API requests get an immediate 503 instead of waiting on it.</summary>
internal static class StorageGate
{
    public static WebApplication UseStorageGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var health = context.RequestServices.GetRequiredService<StorageHealth>();
            if (!health.IsDown || !context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 503, Title = "Storage unavailable", Type = Problems.TypeBase + "storage-unavailable",
                    Detail = "GemScheduling cannot reach its database right now. Nothing acknowledged was lost; retry shortly.",
                },
            });
        });
        return app;
    }
}

/// <summary>
/// Readiness from what the probe and the event store last saw (answers at once, even mid-outage). The probe is
/// anonymous, so it says only that the database is unreachable; the database's own error goes to the log.
/// </summary>
internal sealed class StorageHealthCheck(StorageHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.IsDown ? HealthCheckResult.Unhealthy("database unreachable") : HealthCheckResult.Healthy());
}
