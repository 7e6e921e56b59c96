using GemScheduling.Api.Auth;
using GemScheduling.Api.Availability;
using GemScheduling.Api.Hosting;
using GemScheduling.Api.RateLimits;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.SelfScheduling;

/// <summary>The booking link's URL for the candidate (their booking page), the same link in the JSON API, and the link.</summary>
public sealed record IssuedBookingLink(string Url, string ApiUrl, BookingLinkView Link, IReadOnlyList<string> Warnings);

/// <summary>Coordinators' side of self-scheduling: create a booking link for an application and a loop, read it, revoke it.</summary>
internal static class BookingLinksApi
{
    public static IEndpointRouteBuilder MapBookingLinks(this IEndpointRouteBuilder routes)
    {
        routes.MapOrgGroup("/applications/{applicationId:long}/booking-links", "Self-scheduling").MapPost("", Issue).Expensive()
            .WithSummary("A link the candidate opens to book the loop themselves, in open times computed live from the interviewers' calendars.");
        var links = routes.MapOrgGroup("/booking-links", "Self-scheduling");
        links.MapGet("/{linkId}", Get).WithSummary("A booking link: its plan, whether it is open, booked, cancelled, revoked or expired, and the schedule it books.");
        links.MapDelete("/{linkId}", Revoke).WithSummary("Revoke an open booking link; it stops working at once. A booking already made stays.");
        return routes;
    }

    private static async Task<Created<IssuedBookingLink>> Issue(string orgId, long applicationId, BookingLinkBody? body, HttpContext http)
    {
        var issued = await IssueAsync(orgId, applicationId, body, http);
        return TypedResults.Created($"/api/v1/orgs/{orgId}/booking-links/{issued.Link.Id}", issued);
    }

    /// <summary>Checks the request against the org's rules, records the link and signs its URL; the console's button uses it too.</summary>
    internal static async Task<IssuedBookingLink> IssueAsync(string orgId, long applicationId, BookingLinkBody? body, HttpContext http)
    {
        var services = http.RequestServices;
        var grains = services.GetRequiredService<IGrainFactory>();
        var (tokens, urls, time) = (services.GetRequiredService<IBookingTokens>(), services.GetRequiredService<PublicUrls>(), services.GetRequiredService<TimeProvider>());
        await AvailabilityApi.RequireApplication(services.GetRequiredService<IGreenhouseReadModel>(), orgId, applicationId);
        var policy = await grains.Grain<IOrgGrain>(orgId).GetAvailabilityLinkPolicy();
        var (plan, expires, warnings) = await BookingRequests.PlanAsync(orgId, applicationId, body, policy, services.GetRequiredService<ILoopSuggester>(),
            time.GetUtcNow(), http.RequestAborted);
        var linkId = "bkl_" + ApiTokens.RandomId(16);
        var link = await grains.Grain<IBookingLinkGrain>(IBookingLinkGrain.Key(orgId, linkId)).Issue(plan, expires, http.User.Actor());
        var path = SelfServicePaths.BookPath(tokens, orgId, applicationId, linkId, expires);
        return new IssuedBookingLink(urls.For(path), urls.For(CandidateBookingApi.BookPath + path[SelfServicePaths.Book.Length..]), link, warnings);
    }

    private static async Task<Results<Ok<BookingLinkView>, ProblemHttpResult>> Get(string orgId, string linkId, IGrainFactory grains) =>
        await Link(grains, orgId, linkId).Get() is { } link ? TypedResults.Ok(link) : Problems.NotFound("booking link", linkId);

    private static async Task<Results<Ok<BookingLinkView>, ProblemHttpResult>> Revoke(string orgId, string linkId, IGrainFactory grains, HttpContext http) =>
        await Link(grains, orgId, linkId).Revoke(http.User.Actor()) is { } link ? TypedResults.Ok(link) : Problems.NotFound("booking link", linkId);

    /// <summary>The grain of an id this API could have issued; anything else is 404 before a grain is touched.</summary>
    private static IBookingLinkGrain Link(IGrainFactory grains, string orgId, string linkId) =>
        linkId.StartsWith("bkl_", StringComparison.Ordinal) && linkId.Length <= 40 && !linkId.Contains('/')
            ? grains.Grain<IBookingLinkGrain>(IBookingLinkGrain.Key(orgId, linkId))
            : throw new ResourceNotFoundException($"No booking link '{linkId}' exists here.");
}
