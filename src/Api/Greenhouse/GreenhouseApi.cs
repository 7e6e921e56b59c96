using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Greenhouse;

internal static class GreenhouseApi
{
    public static IEndpointRouteBuilder MapGreenhouse(this IEndpointRouteBuilder routes)
    {
        var greenhouse = routes.MapOrgGroup("/greenhouse", "Greenhouse connection");
        greenhouse.MapPut("", Connect)
            .WithSummary("Connect Greenhouse or rotate the key: checks the key and every permission without changing anything in Greenhouse.");
        greenhouse.MapGet("", Get).WithSummary("The connection (key masked to its last 4 characters), the acting user and the last verification.");
        greenhouse.MapPost("/verify", Verify).WithSummary("Check every permission of the stored key now.");
        return routes;
    }

    private static async Task<Ok<GreenhouseConnectionView>> Connect(
        string orgId, ConnectGreenhouseRequest? request, GreenhouseConnector connector, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await connector.ConnectAsync(orgId, request ?? new ConnectGreenhouseRequest(null, null, null, null), http.User.Actor(), cancellationToken));

    private static async Task<Results<Ok<GreenhouseConnectionView>, ProblemHttpResult>> Get(string orgId, IGrainFactory grains) =>
        await grains.GetGrain<IOrgGrain>(orgId).GetConnection() is { } connection
            ? TypedResults.Ok(connection)
            : Problems.NotFound("Greenhouse connection for org", orgId);

    private static async Task<Ok<PermissionReport>> Verify(string orgId, GreenhouseConnector connector, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await connector.VerifyAsync(orgId, http.User.Actor(), cancellationToken));
}
