using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using GemScheduling.Api.Auth;
using GemScheduling.Api.Pages.Shared;
using GemScheduling.Orgs;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Schedules;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Pages.CoordinatorConsole;

/// <summary>
/// The coordinator console for an org's people, signed in with an org token: the overview (sync, budget, permissions,
/// write-backs that need a look, with retry) kept live by server-sent events. It reads and acts through the same
/// grains and index as the API.
/// </summary>
internal static class ConsolePages
{
    public const string Path = "/console";
    private static readonly TimeSpan LivePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LiveFor = TimeSpan.FromMinutes(5); // then the browser reconnects, and a closed tab costs nothing for long

    private static readonly AuthorizationPolicy OrgSession =
        new AuthorizationPolicyBuilder(Sessions.Scheme).RequireAuthenticatedUser().RequireClaim(Principals.OrgClaim).Build();

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        var console = routes.MapGroup(Path).ExcludeFromDescription().RequireAuthorization(OrgSession).AddEndpointFilter<PageHeaders>();
        console.MapGet("", Overview);
        console.MapGet("/events", Live).DisableRequestTimeout();
        console.MapPost("/schedules/{scheduleId}/retry", RetryAsync).DisableAntiforgery(); // checked below
        return routes;
    }

    public static string Hash(string fingerprint) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)))[..16];

    private static async Task<RazorComponentResult<ConsoleOverview>> Overview(string? retried, HttpContext http, IGrainFactory grains, IScheduleIndex index,
        TimeProvider time, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var notice = retried is { Length: <= 40 } id && id.StartsWith("sch_", StringComparison.Ordinal)
            ? $"Retrying the failed write-backs of {id}; this page updates as they land."
            : null;
        var model = await ConsoleData.ReadAsync(http.User.OrgId()!, grains, index, time, notice, (tokens.FormFieldName, tokens.RequestToken!));
        return new(new { Model = model });
    }

    private static ServerSentEventsResult<string> Live(string? since, HttpContext http, IGrainFactory grains, IScheduleIndex index, TimeProvider time) =>
        TypedResults.ServerSentEvents(ChangesAsync(http.User.OrgId()!, since, grains, index, time, http.RequestAborted));

    private static async IAsyncEnumerable<SseItem<string>> ChangesAsync(string orgId, string? since, IGrainFactory grains, IScheduleIndex index, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = since;
        var until = time.GetUtcNow() + LiveFor;
        while (!cancellationToken.IsCancellationRequested && time.GetUtcNow() < until)
        {
            var now = Hash((await ConsoleData.ReadAsync(orgId, grains, index, time, null, ("", ""))).Fingerprint());
            if (now != seen)
            {
                seen = now;
                yield return new SseItem<string>("overview", "changed") { ReconnectionInterval = TimeSpan.FromSeconds(2) };
            }

            try
            {
                await Task.Delay(LivePoll, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static async Task<IResult> RetryAsync(string scheduleId, HttpContext http, IGrainFactory grains, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            return TypedResults.Redirect(Path);
        if (http.User.Grant()?.Role is not (TokenRole.Coordinator or TokenRole.Admin))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        await Schedules.SchedulesApi.Schedule(grains, http.User.OrgId()!, scheduleId).RetryFailedWrites(http.User.Actor());
        return TypedResults.Redirect($"{Path}?retried={Uri.EscapeDataString(scheduleId)}");
    }
}
