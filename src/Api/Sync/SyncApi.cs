using GemScheduling.Api.Harvest;
using GemScheduling.Api.Auth;
using GemScheduling.Api.RateLimits;
using GemScheduling.Budget;
using GemScheduling.Sync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Sync;

public sealed record StartSyncRequest(string? Mode);

public sealed record SyncOverview(SyncStatus Sync, BudgetStatus Budget);

internal static class SyncApi
{
    public static IEndpointRouteBuilder MapSync(this IEndpointRouteBuilder routes)
    {
        var sync = routes.MapOrgGroup("/sync", "Sync");
        sync.MapPost("", Start).Expensive().WithSummary("Start a full or incremental sync; returns at once with its status.");
        sync.MapPost("/jobs/{jobId:long}", SyncJob).Expensive().WithSummary("Sync one job now (its stages, steps and posts) and answer with what was read.");
        sync.MapGet("", Get).WithSummary("The current or last sync, live per resource kind, and the org's rate-budget use.");
        return routes;
    }

    private static async Task<Accepted<SyncStatus>> Start(string orgId, StartSyncRequest? request, IGrainFactory grains, HttpContext http)
    {
        var mode = (request?.Mode ?? "incremental").ToLowerInvariant() switch
        {
            "full" => SyncMode.Full,
            "incremental" => SyncMode.Incremental,
            _ => throw new ValidationFailedException("mode", "Must be \"full\" or \"incremental\"."),
        };
        return TypedResults.Accepted($"/api/v1/orgs/{orgId}/sync", await grains.Grain<ISyncGrain>(orgId).Start(mode, http.User.Actor()));
    }

    private static async Task<Ok<JobSyncResult>> SyncJob(string orgId, long jobId, IGrainFactory grains, HttpContext http)
    {
        if (jobId <= 0)
            throw new ValidationFailedException("jobId", "Must be a Greenhouse job id.");
        return TypedResults.Ok(await grains.Grain<ISyncGrain>(orgId).SyncJob(jobId, http.User.Actor()));
    }

    private static async Task<Ok<SyncOverview>> Get(string orgId, IGrainFactory grains) =>
        TypedResults.Ok(new SyncOverview(await grains.Grain<ISyncGrain>(orgId).GetStatus(), await HarvestBudgetApi.CurrentBudgetAsync(orgId, grains)));
}
