using System.Globalization;
using GemScheduling.Api.Auth;
using GemScheduling.Api.RateLimits;
using GemScheduling.Api.Hosting;
using GemScheduling.Applications;
using GemScheduling.Availability;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Availability;

public sealed record WindowBody(string? Start, string? End);

public sealed record AvailabilityBody(string? TimeZone, IReadOnlyList<WindowBody>? Windows);

public sealed record LinkRequest(double? ExpiresInHours);

public sealed record IssuedLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>What a candidate sees through their link: enough to know what they are answering, nothing more.</summary>
public sealed record CandidateLinkView(string? CandidateFirstName, string? JobName, DateTimeOffset ExpiresAt, string? TimeZone, IReadOnlyList<CandidateWindow> Windows);

public sealed record SuggestionsBody(
    IReadOnlyList<LoopStepRequest>? Steps, bool? KeepOrder, int? BreakMinutes, int? MaxDays, string? From, string? To, int? MaxOptions, int? LeadTimeMinutes);

internal static class AvailabilityApi
{
    private static readonly TimeSpan GreenhouseFreshness = TimeSpan.FromMinutes(10);

    public static IEndpointRouteBuilder MapAvailability(this IEndpointRouteBuilder routes)
    {
        var applications = routes.MapOrgGroup("/applications/{applicationId:long}", "Availability and suggestions");
        applications.MapGet("/availability", Get).WithSummary("The candidate's availability: merged windows, where each came from, and what could not be read.");
        applications.MapPut("/availability", Set).WithSummary("Set the candidate's windows as a coordinator (replaces the coordinator's earlier ones).");
        applications.MapPost("/availability-links", IssueLink).Expensive().WithSummary("A signed, expiring link the candidate uses to give availability without an account.");
        applications.MapPost("/suggestions", Suggest).Expensive().WithSummary("Ranked, explained loop options that fit the candidate, the interviewers' hours, bookings and limits.");

        var candidate = routes.MapGroup("/api/v1/availability-links").AddEndpointFilter<StoredTextFilter>().WithTags("Candidate availability link (no account)");
        candidate.MapGet("/{token}", ReadLink).AllowAnonymous();
        candidate.MapPut("/{token}", SubmitThroughLink).AllowAnonymous();
        return routes;
    }

    private static async Task<Ok<CandidateAvailability>> Get(string orgId, long applicationId, IGrainFactory grains, IGreenhouseReadModel readModel)
    {
        await RequireApplication(readModel, orgId, applicationId);
        return TypedResults.Ok(await Application(grains, orgId, applicationId).GetAvailability(GreenhouseFreshness));
    }

    private static async Task<Ok<CandidateAvailability>> Set(string orgId, long applicationId, AvailabilityBody? body, IGrainFactory grains, IGreenhouseReadModel readModel, HttpContext http)
    {
        await RequireApplication(readModel, orgId, applicationId);
        var windows = Windows(body);
        return TypedResults.Ok(await Application(grains, orgId, applicationId).SetAvailability(AvailabilitySources.Coordinator, body!.TimeZone!, windows, http.User.Actor()));
    }

    private static async Task<Ok<IssuedLink>> IssueLink(string orgId, long applicationId, LinkRequest? body, AvailabilityLinks links, IGreenhouseReadModel readModel,
        TimeProvider time, HttpContext http)
    {
        await RequireApplication(readModel, orgId, applicationId);
        var hours = body?.ExpiresInHours ?? 72;
        if (hours is <= 0 or > 720)
            throw new ValidationFailedException("expiresInHours", "Between 0 and 720 hours (30 days).");
        var expires = time.GetUtcNow().AddHours(hours);
        var token = links.Issue(new AvailabilityLink(orgId, applicationId, expires));
        return TypedResults.Ok(new IssuedLink($"{http.Request.Scheme}://{http.Request.Host}/api/v1/availability-links/{token}", expires));
    }

    private static async Task<Results<Ok<CandidateLinkView>, ProblemHttpResult>> ReadLink(string token, AvailabilityLinks links, IGrainFactory grains, IGreenhouseReadModel readModel)
    {
        if (Link(links, token) is not { } link)
            return Gone(token, links);
        var availability = (await Application(grains, link.OrgId, link.ApplicationId).GetAvailability(TimeSpan.MaxValue)).Sources
            .LastOrDefault(s => s.Source == AvailabilitySources.Candidate);
        var application = await readModel.GetAsync<Application>(link.OrgId, link.ApplicationId);
        var candidate = application is null ? null : await readModel.GetAsync<Candidate>(link.OrgId, application.CandidateId);
        var post = application?.JobId is { } jobId ? (await readModel.ListAsync<JobPost>(link.OrgId, new ReadQuery { JobId = jobId, Live = true })).Items.FirstOrDefault(p => !p.Internal) : null;
        var job = application?.JobId is { } id ? await readModel.GetAsync<Job>(link.OrgId, id) : null;
        return TypedResults.Ok(new CandidateLinkView(candidate?.FirstName, post?.Title ?? job?.Name, link.ExpiresAt, availability?.TimeZone, availability?.Windows ?? []));
    }

    private static async Task<Results<Ok<CandidateLinkView>, ProblemHttpResult>> SubmitThroughLink(string token, AvailabilityBody? body, AvailabilityLinks links, IGrainFactory grains)
    {
        if (Link(links, token) is not { } link)
            return Gone(token, links);
        var windows = Windows(body);
        var saved = await Application(grains, link.OrgId, link.ApplicationId).SetAvailability(AvailabilitySources.Candidate, body!.TimeZone!, windows, "candidate (availability link)");
        var mine = saved.Sources.Last(s => s.Source == AvailabilitySources.Candidate);
        return TypedResults.Ok(new CandidateLinkView(null, null, link.ExpiresAt, mine.TimeZone, mine.Windows));
    }

    private static async Task<Ok<LoopSuggestions>> Suggest(string orgId, long applicationId, SuggestionsBody? body, LoopSuggester suggester, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Instant(body?.From, "from", errors);
        var to = Instant(body?.To, "to", errors);
        if (body?.LeadTimeMinutes is < 0 or > 60 * 24 * 14)
            errors["leadTimeMinutes"] = ["Between 0 and 20160 (14 days)."];
        Paging.ThrowIfAny(errors);
        return TypedResults.Ok(await suggester.SuggestAsync(orgId, applicationId, new SuggestLoopRequest(
            body?.Steps, body?.KeepOrder ?? true, body?.BreakMinutes ?? 0, body?.MaxDays ?? 1, from, to, body?.MaxOptions ?? 10, body?.LeadTimeMinutes ?? 120),
            cancellationToken));
    }

    private static IReadOnlyList<CandidateWindow> Windows(AvailabilityBody? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body?.TimeZone))
            errors["timeZone"] = ["The IANA zone the candidate gave their times in is required (e.g. America/Chicago)."];
        if (body?.Windows is null)
            errors["windows"] = ["A list of windows is required (it may be empty)."];
        var windows = new List<CandidateWindow>();
        for (var i = 0; i < (body?.Windows?.Count ?? 0); i++)
        {
            var start = Instant(body!.Windows![i]?.Start, $"windows[{i}].start", errors, required: true);
            var end = Instant(body.Windows[i]?.End, $"windows[{i}].end", errors, required: true);
            if (start is not null && end is not null)
                windows.Add(new CandidateWindow(start.Value, end.Value, body.TimeZone ?? "UTC"));
        }

        Paging.ThrowIfAny(errors);
        return windows;
    }

    private static DateTimeOffset? Instant(string? text, string field, Dictionary<string, string[]> errors, bool required = false)
    {
        if (text is null)
        {
            if (required)
                errors[field] = ["Required."];
            return null;
        }

        if (text.Length <= 40 && (text.EndsWith('Z') || text.EndsWith("z") || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':')) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            return value;
        errors[field] = ["Must be an ISO-8601 instant with an offset, e.g. 2026-12-01T09:00:00-05:00."];
        return null;
    }

    private static AvailabilityLink? Link(AvailabilityLinks links, string token)
    {
        var link = links.Read(token, out var expired);
        return link is not null && !expired ? link : null;
    }

    private static ProblemHttpResult Gone(string token, AvailabilityLinks links) =>
        links.Read(token, out var expired) is not null && expired
            ? TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Link expired", detail: "This availability link has expired; ask the recruiter for a new one.")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This availability link is not valid.");

    private static IApplicationGrain Application(IGrainFactory grains, string orgId, long applicationId) =>
        grains.GetGrain<IApplicationGrain>(IApplicationGrain.Key(orgId, applicationId));

    private static async Task RequireApplication(IGreenhouseReadModel readModel, string orgId, long applicationId)
    {
        if (await readModel.GetAsync<Application>(orgId, applicationId) is null)
            throw new ResourceNotFoundException($"No application {applicationId} exists here.");
    }
}
