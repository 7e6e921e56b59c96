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
        applications.MapPost("/suggestions", Suggest).Expensive().Repeatable(RepeatWhen.Always).WithSummary("Ranked, explained loop options that fit the candidate, the interviewers' hours, bookings and limits.");
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

    private static async Task<Ok<LoopSuggestions>> Suggest(string orgId, long applicationId, SuggestionsBody? body, ILoopSuggester suggester, CancellationToken cancellationToken)
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

    internal static IReadOnlyList<CandidateWindow> Windows(AvailabilityBody? body)
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

    internal static DateTimeOffset? Instant(string? text, string field, Dictionary<string, string[]> errors, bool required = false)
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

    internal static IApplicationGrain Application(IGrainFactory grains, string orgId, long applicationId) =>
        grains.Grain<IApplicationGrain>(IApplicationGrain.Key(orgId, applicationId));

    internal static async Task RequireApplication(IGreenhouseReadModel readModel, string orgId, long applicationId)
    {
        if (await readModel.GetAsync<Application>(orgId, applicationId) is null)
            throw new ResourceNotFoundException($"No application {applicationId} exists here.");
    }
}
