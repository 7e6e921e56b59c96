using GemScheduling.Orgs;

using GemScheduling.Api.Hosting;

namespace GemScheduling.Api.Auth;

/// <summary>
/// Keeps every <c>/orgs/{orgId}/...</c> route inside its tenant: an org token reaches only its own org, the admin token
/// any existing org. Anything else is 404 (never 403), so org ids do not leak.
/// </summary>
internal sealed class OrgAccessFilter(IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var orgId = http.GetRouteValue("orgId") as string;
        var user = http.User;
        var allowed = orgId is not null && (user.IsAdmin()
            ? await grains.GetGrain<IOrgGrain>(orgId).Get() is not null
            : string.Equals(user.OrgId(), orgId, StringComparison.Ordinal));
        return allowed ? await next(context) : Problems.NotFound("org", orgId);
    }
}

internal static class OrgRoutes
{
    /// <summary>The route group every org-scoped feature maps into: authenticated, tenant-checked.</summary>
    public static RouteGroupBuilder MapOrgGroup(this IEndpointRouteBuilder routes, string path, string tag) =>
        routes.MapGroup("/api/v1/orgs/{orgId}" + path)
            .RequireAuthorization()
            .AddEndpointFilter<OrgAccessFilter>()
            .AddEndpointFilter<StoredTextFilter>()
            .WithTags(tag);
}
