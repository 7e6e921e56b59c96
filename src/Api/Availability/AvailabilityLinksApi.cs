using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Api.RateLimits;
using GemScheduling.Applications;
using GemScheduling.Availability;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Availability;

public sealed record LinkRequest(double? ExpiresInHours, bool? ExpireOnSubmission = null);

/// <summary>
/// The URL to send the candidate (their availability page, built from the configured public base URL), the same link in
/// the JSON API, and the link's id, for revoking it.
/// </summary>
public sealed record IssuedLink(string Url, DateTimeOffset ExpiresAt, string Id, bool ExpiresOnSubmission, string ApiUrl);

/// <summary>What a candidate sees through their link: enough to know what they are answering, nothing more.</summary>
public sealed record CandidateLinkView(string? CandidateFirstName, string? JobName, DateTimeOffset ExpiresAt, string? TimeZone, IReadOnlyList<CandidateWindow> Windows);

public sealed record LinkPolicyBody(
    bool? ExpireOnSubmission, double? DefaultLifetimeHours, double? MinimumNoticeHours = null, int? HorizonDays = null, int? BookingChangeCutoffHours = null);

/// <summary>
/// The links candidates use to give availability without an account: issued, listed and revoked by coordinators; read
/// and answered anonymously by the candidate. A link token never appears in a log line or a trace (see LinkRedaction).
/// </summary>
internal static class AvailabilityLinksApi
{
    public const string CandidatePath = "/api/v1/availability-links";

    /// <summary>Where the candidate's page lives (HTML, see Pages/CandidateAvailability).</summary>
    public const string PagePath = "/availability";

    public static IEndpointRouteBuilder MapAvailabilityLinks(this IEndpointRouteBuilder routes)
    {
        var links = routes.MapOrgGroup("/applications/{applicationId:long}/availability-links", "Availability links");
        links.MapPost("", Issue).Expensive().WithSummary("A signed, expiring link the candidate uses to give availability without an account.");
        links.MapGet("", List).WithSummary("The application's links: when each was issued, when it expires, and whether it still works.");
        links.MapDelete("/{linkId}", Revoke).WithSummary("Revoke a link; it stops working at once.");

        var policy = routes.MapOrgGroup("/availability-link-policy", "Availability links");
        policy.MapGet("", GetPolicy).WithSummary("Whether links stop working once the candidate has answered, and their default lifetime.");
        policy.MapPut("", SetPolicy).ForAdmins().WithSummary("Set the org's availability link policy.");

        var candidate = routes.MapGroup(CandidatePath).AddEndpointFilter<FailoverRetryFilter>().AddEndpointFilter<StoredTextFilter>().WithTags("Candidate availability link (no account)");
        candidate.MapGet("/{token}", Read).AllowAnonymous().WithSummary("What the candidate's link is for, and what they answered so far.");
        candidate.MapPut("/{token}", Submit).AllowAnonymous().WithSummary("The candidate's windows.");
        return routes;
    }

    private static async Task<Ok<IssuedLink>> Issue(string orgId, long applicationId, LinkRequest? body, IAvailabilityLinkSigner links, IGreenhouseReadModel readModel,
        IGrainFactory grains, PublicUrls urls, TimeProvider time, HttpContext http)
    {
        await AvailabilityApi.RequireApplication(readModel, orgId, applicationId);
        var policy = await grains.Grain<IOrgGrain>(orgId).GetAvailabilityLinkPolicy();
        var hours = body?.ExpiresInHours ?? policy.DefaultLifetimeHours;
        if (hours is <= 0 or > 720 || double.IsNaN(hours))
            throw new ValidationFailedException("expiresInHours", "Between 0 and 720 hours (30 days).");
        var expires = time.GetUtcNow().AddHours(hours);
        var issued = await AvailabilityApi.Application(grains, orgId, applicationId)
            .IssueAvailabilityLink(expires, body?.ExpireOnSubmission ?? policy.ExpireOnSubmission, http.User.Actor());
        var token = links.Issue(new AvailabilityLink(orgId, applicationId, expires, issued.Id));
        return TypedResults.Ok(new IssuedLink(urls.For($"{PagePath}/{token}"), expires, issued.Id, issued.ExpiresOnSubmission, urls.For($"{CandidatePath}/{token}")));
    }

    private static async Task<Ok<ListResponse<AvailabilityLinkView>>> List(string orgId, long applicationId, IGrainFactory grains, IGreenhouseReadModel readModel)
    {
        await AvailabilityApi.RequireApplication(readModel, orgId, applicationId);
        return TypedResults.Ok(new ListResponse<AvailabilityLinkView>(await AvailabilityApi.Application(grains, orgId, applicationId).ListAvailabilityLinks(), null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string orgId, long applicationId, string linkId, IGrainFactory grains, HttpContext http) =>
        await AvailabilityApi.Application(grains, orgId, applicationId).RevokeAvailabilityLink(linkId, http.User.Actor())
            ? TypedResults.NoContent()
            : Problems.NotFound("availability link", linkId);

    private static async Task<Ok<AvailabilityLinkPolicy>> GetPolicy(string orgId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Grain<IOrgGrain>(orgId).GetAvailabilityLinkPolicy());

    private static async Task<Ok<AvailabilityLinkPolicy>> SetPolicy(string orgId, LinkPolicyBody? body, IGrainFactory grains, HttpContext http)
    {
        var current = await grains.Grain<IOrgGrain>(orgId).GetAvailabilityLinkPolicy();
        var policy = new AvailabilityLinkPolicy(body?.ExpireOnSubmission ?? current.ExpireOnSubmission, body?.DefaultLifetimeHours ?? current.DefaultLifetimeHours,
            body?.MinimumNoticeHours ?? current.MinimumNoticeHours, body?.HorizonDays ?? current.HorizonDays,
            body?.BookingChangeCutoffHours ?? current.BookingChangeCutoffHours);
        return TypedResults.Ok(await grains.Grain<IOrgGrain>(orgId).SetAvailabilityLinkPolicy(policy, http.User.Actor()));
    }

    private static async Task<Results<Ok<CandidateLinkView>, RedirectHttpResult, ProblemHttpResult>> Read(string token, IAvailabilityLinkSigner links, IGrainFactory grains,
        IGreenhouseReadModel readModel, HttpContext http)
    {
        // Links sent before the candidate page existed point here; a browser opening one is sent to the page.
        if (WantsHtml(http.Request))
            return TypedResults.Redirect($"{PagePath}/{Uri.EscapeDataString(token)}");
        var (refused, live) = await CandidateLinks.CheckAsync(token, links, grains);
        if (refused is not null)
            return Refusal(refused);
        var context = await CandidateLinks.ReadAsync(live!, grains, readModel);
        return TypedResults.Ok(new CandidateLinkView(context.CandidateFirstName, context.JobName, live!.ExpiresAt, context.Answered?.TimeZone, context.Answered?.Windows ?? []));
    }

    private static async Task<Results<Ok<CandidateLinkView>, ProblemHttpResult>> Submit(string token, AvailabilityBody? body, IAvailabilityLinkSigner links, IGrainFactory grains,
        TimeProvider time)
    {
        var (refused, link) = await CandidateLinks.CheckAsync(token, links, grains);
        if (refused is not null)
            return Refusal(refused);
        var windows = AvailabilityApi.Windows(body);
        var policy = await grains.Grain<IOrgGrain>(link!.OrgId).GetAvailabilityLinkPolicy();
        if (CandidateLinks.OutOfBounds(windows, policy, time.GetUtcNow()) is { Count: > 0 } outside)
            throw new ValidationFailedException(outside, "Some windows are outside the times this org accepts.");
        try
        {
            var saved = await AvailabilityApi.Application(grains, link.OrgId, link.ApplicationId).SubmitThroughLink(link.LinkId, body!.TimeZone!, windows);
            var mine = saved.Sources.Last(s => s.Source == AvailabilitySources.Candidate);
            return TypedResults.Ok(new CandidateLinkView(null, null, link.ExpiresAt, mine.TimeZone, mine.Windows));
        }
        catch (AvailabilityLinkGoneException gone)
        {
            return Gone(gone.Status);
        }
    }

    private static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept is { Count: > 0 } accept && accept[0].MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);

    private static ProblemHttpResult Refusal(LinkRefusal refused) => refused.Status is { } status
        ? Gone(status)
        : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This availability link is not valid.");

    private static ProblemHttpResult Gone(AvailabilityLinkStatus status) => TypedResults.Problem(statusCode: StatusCodes.Status410Gone,
        title: status switch
        {
            AvailabilityLinkStatus.Revoked => "Link revoked",
            AvailabilityLinkStatus.Used => "Link already used",
            _ => "Link expired",
        },
        detail: "This availability link no longer works; ask the recruiter for a new one.", type: Problems.TypeBase + "availability-link-gone");
}
