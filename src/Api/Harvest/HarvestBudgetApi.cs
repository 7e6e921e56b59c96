using GemScheduling.Api.Auth;
using GemScheduling.Budget;
using GemScheduling.Greenhouse.Budget;
using GemScheduling.Orgs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Harvest;

internal static class HarvestBudgetApi
{
    public static IEndpointRouteBuilder MapHarvestBudget(this IEndpointRouteBuilder routes)
    {
        routes.MapOrgGroup("/harvest", "Harvest").MapGet("/budget", Get)
            .WithSummary("The org's Harvest rate budget: limit per window, used, reserved ahead and deferred by lane, 429s seen.");
        return routes;
    }

    private static async Task<Ok<BudgetStatus>> Get(string orgId, IGrainFactory grains) =>
        TypedResults.Ok(await CurrentBudgetAsync(orgId, grains));

    /// <summary>The budget of the Harvest version the org is connected through (v3 has its own window and limit).</summary>
    public static async Task<BudgetStatus> CurrentBudgetAsync(string orgId, IGrainFactory grains)
    {
        var access = await grains.Grain<IOrgGrain>(orgId).GetGreenhouseAccess();
        var key = GreenhouseBudget.KeyFor(orgId, access?.ApiVersion ?? GemScheduling.Greenhouse.HarvestApiVersion.V1);
        return await grains.Grain<IHarvestRateBudgetGrain>(key).GetStatus();
    }
}
