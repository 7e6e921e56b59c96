using GemScheduling.Api.Auth;
using GemScheduling.Api.RateLimits;
using GemScheduling.Api.Hosting;
using GemScheduling.Orgs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Greenhouse;

/// <summary>
/// What an admin sends to connect Greenhouse or rotate its credential; omitted members keep their current values. v1
/// takes a Harvest API key, v3 OAuth client credentials. The secret is needed again whenever the version, the base
/// URL, the token URL or the client changes.
/// </summary>
public sealed record ConnectGreenhouseBody(
    string? ApiVersion, string? BaseUrl, string? ApiKey, string? OrganizerEmail, string? ClientId = null, string? ClientSecret = null, string? TokenUrl = null,
    string? ReaderEmail = null)
{
    public override string ToString() => "ConnectGreenhouseBody { *** }";
}

internal static class GreenhouseApi
{
    public static IEndpointRouteBuilder MapGreenhouse(this IEndpointRouteBuilder routes)
    {
        var greenhouse = routes.MapOrgGroup("/greenhouse", "Greenhouse connection");
        greenhouse.MapPut("", Connect).Expensive().ForAdmins()
            .WithSummary("Connect Greenhouse or rotate the key: checks the key and every permission without changing anything in Greenhouse.");
        greenhouse.MapGet("", Get).WithSummary("The connection (key masked to its last 4 characters), the acting user and the last verification.");
        greenhouse.MapPost("/verify", Verify).Expensive().ForAdmins().WithSummary("Check every permission of the stored key now.");
        return routes;
    }

    private static async Task<Ok<GreenhouseConnectionView>> Connect(string orgId, ConnectGreenhouseBody? body, IGrainFactory grains, HttpContext http)
    {
        var command = new ConnectGreenhouse(body?.ApiVersion, body?.BaseUrl, body?.ApiKey, body?.OrganizerEmail, body?.ClientId, body?.ClientSecret, body?.TokenUrl, body?.ReaderEmail);
        return TypedResults.Ok(await grains.Grain<IOrgGrain>(orgId).ConnectGreenhouse(command, http.User.Actor()));
    }

    private static async Task<Results<Ok<GreenhouseConnectionView>, ProblemHttpResult>> Get(string orgId, IGrainFactory grains) =>
        await grains.Grain<IOrgGrain>(orgId).GetConnection() is { } connection
            ? TypedResults.Ok(connection)
            : Problems.NotFound("Greenhouse connection for org", orgId);

    private static async Task<Ok<PermissionReport>> Verify(string orgId, IGrainFactory grains, HttpContext http) =>
        TypedResults.Ok(await grains.Grain<IOrgGrain>(orgId).VerifyGreenhouse(http.User.Actor()));
}
