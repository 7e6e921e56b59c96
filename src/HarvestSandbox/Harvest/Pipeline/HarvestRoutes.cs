namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>The /v1 and /v2 route groups plus the runner that wraps every handler in the Harvest checks.</summary>
internal sealed record HarvestRoutes(RouteGroupBuilder V1, RouteGroupBuilder V2, HarvestEndpointRunner Runner);

internal static class HarvestRouteExtensions
{
    public static IEndpointConventionBuilder MapHarvest(
        this RouteGroupBuilder group, HarvestRoutes routes, HarvestPermission permission, string pattern, HarvestHandler handler) =>
        group.MapMethods(pattern, [permission.Method], routes.Runner.Create(permission, handler))
            .WithMetadata(permission)
            .WithDisplayName($"{permission.Method} {permission.PathTemplate} ({permission.Id})");
}
