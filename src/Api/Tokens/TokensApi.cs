using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Orgs;
using GemScheduling.Persistence.Orgs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Tokens;

public sealed record IssueTokenRequest(string? Name);

/// <summary>The secret is in <see cref="Token"/> this once; GemScheduling keeps only its hash.</summary>
public sealed record IssuedTokenResponse(string Id, string Name, string Token, DateTimeOffset CreatedAt);

internal static class TokensApi
{
    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder routes)
    {
        var tokens = routes.MapOrgGroup("/tokens", "API tokens");
        tokens.MapPost("", Issue).WithSummary("Issue an API token for the org; the secret is shown once.");
        tokens.MapGet("", List).WithSummary("The org's tokens (never their secrets).");
        tokens.MapDelete("/{tokenId}", Revoke).WithSummary("Revoke a token; it stops working at once.");
        return routes;
    }

    private static async Task<Created<IssuedTokenResponse>> Issue(string orgId, IssueTokenRequest? request, IGrainFactory grains, HttpContext http)
    {
        var issued = await grains.GetGrain<IOrgGrain>(orgId).IssueToken(request?.Name ?? "", http.User.Actor());
        return TypedResults.Created($"/api/v1/orgs/{orgId}/tokens/{issued.View.Id}",
            new IssuedTokenResponse(issued.View.Id, issued.View.Name, issued.Token, issued.View.CreatedAt));
    }

    private static async Task<Ok<ListResponse<ApiTokenView>>> List(string orgId, IGrainFactory grains, ITokenUsage usage)
    {
        var tokens = await grains.GetGrain<IOrgGrain>(orgId).ListTokens();
        var used = await usage.LastUsedAsync(orgId);
        return TypedResults.Ok(new ListResponse<ApiTokenView>(
            tokens.Select(t => used.TryGetValue(t.Id, out var at) && (t.LastUsedAt is null || at > t.LastUsedAt) ? t with { LastUsedAt = at } : t).ToList(), null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string orgId, string tokenId, IGrainFactory grains, HttpContext http) =>
        await grains.GetGrain<IOrgGrain>(orgId).RevokeToken(tokenId, http.User.Actor()) ? TypedResults.NoContent() : Problems.NotFound("token", tokenId);
}
