using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Orgs;
using GemScheduling.Persistence.Orgs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Tokens;

/// <summary>A token to issue: <c>role</c> is read, coordinator or admin (default admin); <c>expiresAt</c> optional, at most a year ahead.</summary>
public sealed record IssueTokenRequest(string? Name, string? Role = null, string? ExpiresAt = null);

/// <summary>The secret is in <see cref="Token"/> this once; GemScheduling keeps only its hash.</summary>
public sealed record IssuedTokenResponse(string Id, string Name, string Token, DateTimeOffset CreatedAt, TokenRole Role, DateTimeOffset? ExpiresAt);

internal static class TokensApi
{
    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder routes)
    {
        var tokens = routes.MapOrgGroup("/tokens", "API tokens").ForAdmins();
        tokens.MapPost("", Issue).WithSummary("Issue an API token for the org; the secret is shown once.");
        tokens.MapGet("", List).WithSummary("The org's tokens (never their secrets).");
        tokens.MapDelete("/{tokenId}", Revoke).WithSummary("Revoke a token; it stops working at once.");
        return routes;
    }

    private static async Task<Created<IssuedTokenResponse>> Issue(string orgId, IssueTokenRequest? request, IGrainFactory grains, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        var role = request?.Role switch
        {
            null or "admin" => TokenRole.Admin,
            "coordinator" => TokenRole.Coordinator,
            "read" => TokenRole.Read,
            _ => (TokenRole?)null,
        };
        if (role is null)
            errors["role"] = ["Must be read, coordinator or admin."];
        DateTimeOffset? expiresAt = null;
        if (request?.ExpiresAt is { } text)
        {
            if (text.Length <= 40 && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) &&
                (text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && text[^6] is '+' or '-'))
                expiresAt = at;
            else
                errors["expiresAt"] = ["Must be an ISO-8601 instant with an offset, e.g. 2027-06-30T00:00:00Z."];
        }

        Paging.ThrowIfAny(errors);
        var issued = await grains.Grain<IOrgGrain>(orgId).IssueToken(new IssueApiToken(request?.Name ?? "", role!.Value, expiresAt, http.User.Actor(), http.User.Grant()));
        return TypedResults.Created($"/api/v1/orgs/{orgId}/tokens/{issued.View.Id}",
            new IssuedTokenResponse(issued.View.Id, issued.View.Name, issued.Token, issued.View.CreatedAt, issued.View.Role, issued.View.ExpiresAt));
    }

    private static async Task<Ok<ListResponse<ApiTokenView>>> List(string orgId, IGrainFactory grains, ITokenUsage usage)
    {
        var tokens = await grains.Grain<IOrgGrain>(orgId).ListTokens();
        var used = await usage.LastUsedAsync(orgId);
        return TypedResults.Ok(new ListResponse<ApiTokenView>(
            tokens.Select(t => used.TryGetValue(t.Id, out var at) && (t.LastUsedAt is null || at > t.LastUsedAt) ? t with { LastUsedAt = at } : t).ToList(), null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string orgId, string tokenId, IGrainFactory grains, HttpContext http) =>
        await grains.Grain<IOrgGrain>(orgId).RevokeToken(tokenId, http.User.Actor()) ? TypedResults.NoContent() : Problems.NotFound("token", tokenId);
}
