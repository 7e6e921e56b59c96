using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Orgs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Orgs;

public sealed record CreateOrgRequest(string? Name);

internal static class OrgsApi
{
    public static IEndpointRouteBuilder MapOrgs(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/orgs", Create).RequireAuthorization(Principals.AdminRole).AddEndpointFilter<FailoverRetryFilter>().AddEndpointFilter<StoredTextFilter>().WithTags("Orgs")
            .WithSummary("Create an org (a recruiting team); admin token only.");
        routes.MapOrgGroup("", "Orgs").MapGet("", Get).WithSummary("Read an org.");
        return routes;
    }

    private static async Task<Created<OrgView>> Create(CreateOrgRequest? request, IGrainFactory grains, HttpContext http)
    {
        var name = request?.Name;
        if (string.IsNullOrWhiteSpace(name))
            throw new ValidationFailedException("name", "An org needs a name.");
        var id = ApiTokens.NewOrgId();
        var org = await grains.Grain<IOrgGrain>(id).Create(name, http.User.Actor());
        return TypedResults.Created($"/api/v1/orgs/{id}", org);
    }

    private static async Task<Results<Ok<OrgView>, ProblemHttpResult>> Get(string orgId, IGrainFactory grains) =>
        await grains.Grain<IOrgGrain>(orgId).Get() is { } org ? TypedResults.Ok(org) : Problems.NotFound("org", orgId);
}
