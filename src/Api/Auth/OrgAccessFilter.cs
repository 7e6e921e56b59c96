using GemScheduling.Orgs;

using GemScheduling.Api.Hosting;

namespace GemScheduling.Api.Auth;

/// <summary>
/// Keeps every <c>/orgs/{orgId}/...</c> route inside its tenant: an org token reaches only its own org, the admin token
/// any existing org. Anything else is 404 (never 403), so org ids do not leak. Inside its org, a token may use a route
/// only if its role allows: reads for every role, other methods for coordinators, and routes marked
/// <see cref="OrgRoutes.ForAdmins{TBuilder}"/> for admins (403 otherwise).
/// </summary>
internal sealed class OrgAccessFilter(IGrainFactory grains, FailoverRetryOptions failover, ILogger<OrgAccessFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var orgId = http.GetRouteValue("orgId") as string;
        var user = http.User;
        var allowed = orgId is not null && (user.IsAdmin()
            ? ApiTokens.IsOrgId(orgId) && await SiloFailover.RepeatAsync(() => grains.Grain<IOrgGrain>(orgId).Get(), failover, logger, "the org check", http.RequestAborted) is not null
            : string.Equals(user.OrgId(), orgId, StringComparison.Ordinal));
        if (!allowed)
            return Problems.NotFound("org", orgId);
        var needed = http.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role
                     ?? (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? TokenRole.Read : TokenRole.Coordinator);
        if (user.Grant() is { } grant && grant.Role < needed)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for this token",
                detail: $"This needs a {needed.ToString().ToLowerInvariant()} token; this one is {grant.Role.ToString().ToLowerInvariant()}.",
                type: Problems.TypeBase + "token-role");
        return await next(context);
    }
}

/// <summary>The least role an org token needs for a route (default: read for GET, coordinator for other methods).</summary>
internal sealed record RequiredRole(TokenRole Role);

internal static class OrgRoutes
{
    /// <summary>The route group every org-scoped feature maps into: authenticated, tenant-checked.</summary>
    public static RouteGroupBuilder MapOrgGroup(this IEndpointRouteBuilder routes, string path, string tag) =>
        routes.MapGroup("/api/v1/orgs/{orgId}" + path)
            .RequireAuthorization()
            .AddEndpointFilter<Hosting.FailoverRetryFilter>()
            .AddEndpointFilter<OrgAccessFilter>()
            .AddEndpointFilter<StoredTextFilter>()
            .WithTags(tag);

    /// <summary>Tokens, the Greenhouse connection, templates and org settings: admin tokens only.</summary>
    public static TBuilder ForAdmins<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(new RequiredRole(TokenRole.Admin));

    /// <summary>A POST that only computes (suggestions): coordinators, like every write.</summary>
    public static TBuilder ForCoordinators<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(new RequiredRole(TokenRole.Coordinator));
}
