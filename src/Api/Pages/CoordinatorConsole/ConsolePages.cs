using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using GemScheduling.Api.Auth;
using GemScheduling.Api.Pages.Shared;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Schedules;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Pages.CoordinatorConsole;

/// <summary>
/// The coordinator console for an org's people, signed in with an org token: the overview (sync, budget, permissions,
/// write-backs that need a look, with retry), applications (search, context, suggestions, scheduling) and each
/// schedule's page, the overview and schedule pages kept live by server-sent events. It reads and acts through the same
/// grains, index and read model as the API.
/// </summary>
internal static class ConsolePages
{
    public const string Path = "/console";
    public const string ApplicationsPath = Path + "/applications";
    private static readonly TimeSpan LivePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LiveFor = TimeSpan.FromMinutes(5); // then the browser reconnects, and a closed tab costs nothing for long
    private static readonly TimeSpan SessionRecheck = TimeSpan.FromSeconds(10); // a revoked token stops its open streams this soon

    private static readonly AuthorizationPolicy OrgSession =
        new AuthorizationPolicyBuilder(Sessions.Scheme).RequireAuthenticatedUser().RequireClaim(Principals.OrgClaim).Build();

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        var console = routes.MapGroup(Path).ExcludeFromDescription().RequireAuthorization(OrgSession).AddEndpointFilter<PageHeaders>();
        console.MapGet("", Overview);
        console.MapGet("/events", OverviewLive).DisableRequestTimeout();
        console.MapGet("/schedules/{scheduleId}", ScheduleAsync);
        console.MapGet("/schedules/{scheduleId}/events", ScheduleLive).DisableRequestTimeout();
        console.MapPost("/schedules/{scheduleId}/retry", RetryAsync).DisableAntiforgery(); // checked below
        console.MapApplicationPages();
        return routes;
    }

    public static string SchedulePath(string scheduleId) => $"{Path}/schedules/{Uri.EscapeDataString(scheduleId)}";

    public static string ApplicationPath(long applicationId) => $"{ApplicationsPath}/{applicationId}";

    public static string Hash(string fingerprint) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)))[..16];

    /// <summary>Coordinators and admins act (schedule, retry); read tokens only look, as in the API.</summary>
    public static bool CanAct(HttpContext http) => http.User.Grant()?.Role is TokenRole.Coordinator or TokenRole.Admin;

    public static FormToken FormTokenFor(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new FormToken(tokens.FormFieldName, tokens.RequestToken!);
    }

    private static async Task<RazorComponentResult<ConsoleOverview>> Overview(string? retried, HttpContext http, IGrainFactory grains, IScheduleIndex index,
        TimeProvider time, IAntiforgery antiforgery)
    {
        var notice = retried is { Length: <= 40 } id && id.StartsWith("sch_", StringComparison.Ordinal)
            ? $"Retrying the failed write-backs of {id}; this page updates as they land."
            : null;
        var model = await ConsoleData.ReadAsync(http.User.OrgId()!, grains, index, time, notice, FormTokenFor(http, antiforgery));
        return new(new { Model = model });
    }

    private static async Task<IResult> ScheduleAsync(string scheduleId, string? created, string? retried, HttpContext http, IGrainFactory grains,
        IGreenhouseReadModel readModel, IAntiforgery antiforgery, CancellationToken ct)
    {
        var notice = created is not null ? "Scheduled. The interviews are being written to Greenhouse; this page updates as each one lands."
            : retried is not null ? "Retrying the failed write-backs; this page updates as they land."
            : null;
        var model = await ScheduleData.ReadAsync(http.User.OrgId()!, scheduleId, grains, readModel, notice, CanAct(http), FormTokenFor(http, antiforgery), ct);
        return model is null
            ? await ApplicationPages.NotFoundAsync(http, grains, "No such schedule", $"There is no schedule {scheduleId} in this org.")
            : new RazorComponentResult<SchedulePage>(new { Model = model });
    }

    private static ServerSentEventsResult<string> OverviewLive(string? since, HttpContext http, IGrainFactory grains, IScheduleIndex index, TimeProvider time)
    {
        var orgId = http.User.OrgId()!;
        return Live("overview", since, async () => (await ConsoleData.ReadAsync(orgId, grains, index, time, null, FormToken.None)).Fingerprint(),
            time, http);
    }

    private static ServerSentEventsResult<string> ScheduleLive(string scheduleId, string? since, HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        var schedule = Schedules.SchedulesApi.Schedule(grains, http.User.OrgId()!, scheduleId);
        return Live("schedule", since, async () => ScheduleData.Fingerprint(await schedule.Get()), time, http);
    }

    /// <summary>Says "changed" whenever what a page shows (its fingerprint) differs from what the page was rendered with.</summary>
    private static ServerSentEventsResult<string> Live(string topic, string? since, Func<Task<string>> fingerprint, TimeProvider time, HttpContext http) =>
        TypedResults.ServerSentEvents(ChangesAsync(topic, since, fingerprint, () => Sessions.StillValidAsync(http.User, http.RequestServices), time,
            http.RequestAborted));

    /// <summary>
    /// Ends when the session does (its token revoked or expired): the browser's reconnect then meets the sign-in, the way
    /// any other request of that session would.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> ChangesAsync(string topic, string? since, Func<Task<string>> fingerprint,
        Func<Task<bool>> stillSignedIn, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = since;
        var until = time.GetUtcNow() + LiveFor;
        var recheckAt = time.GetUtcNow() + SessionRecheck;
        while (!cancellationToken.IsCancellationRequested && time.GetUtcNow() < until)
        {
            if (time.GetUtcNow() >= recheckAt)
            {
                if (!await stillSignedIn())
                    yield break;
                recheckAt = time.GetUtcNow() + SessionRecheck;
            }

            var now = Hash(await fingerprint());
            if (now != seen)
            {
                seen = now;
                yield return new SseItem<string>(topic, "changed") { ReconnectionInterval = TimeSpan.FromSeconds(2) };
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
        if (!CanAct(http))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        await Schedules.SchedulesApi.Schedule(grains, http.User.OrgId()!, scheduleId).RetryFailedWrites(http.User.Actor());
        // Back to the page the button was on: only these two are possible, so the form cannot redirect anywhere else.
        return (await http.Request.ReadFormAsync(http.RequestAborted))["from"] == "schedule"
            ? TypedResults.Redirect($"{SchedulePath(scheduleId)}?retried=1")
            : TypedResults.Redirect($"{Path}?retried={Uri.EscapeDataString(scheduleId)}");
    }
}
