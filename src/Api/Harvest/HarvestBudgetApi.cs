using GemScheduling.Api.Auth;
using GemScheduling.Harvest;
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
        TypedResults.Ok(await grains.GetGrain<IHarvestRateBudgetGrain>(orgId).GetStatus());
}
