using GemScheduling.Api.Auth;
using GemScheduling.Api.RateLimits;
using GemScheduling.Api.Hosting;
using GemScheduling.Greenhouse;
using GemScheduling.Interviewers;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Suggestions.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Interviewers;

public sealed record HoursBody(string? Day, string? Start, string? End);

public sealed record InterviewerSettingsBody(string? TimeZone, IReadOnlyList<HoursBody>? WorkingHours, int? MaxInterviewsPerDay, int? MaxInterviewsPerWeek, string? IcsUrl, string? Ics);

public sealed record DefaultsBody(string? TimeZone, IReadOnlyList<HoursBody>? WorkingHours, int? MaxInterviewsPerDay, int? MaxInterviewsPerWeek);

public sealed record InterviewerProfileView(GreenhouseUser User, InterviewerSettings? Settings, SchedulingDefaults OrgDefaults, IReadOnlyList<BookedSlot> UpcomingBookings, IReadOnlyList<string> CalendarProblems);

internal static class InterviewersApi
{
    public static IEndpointRouteBuilder MapInterviewers(this IEndpointRouteBuilder routes)
    {
        var interviewers = routes.MapOrgGroup("", "Interviewers");
        interviewers.MapGet("/interviewers/{userId:long}", Get).WithSummary("An interviewer's zone, working hours, limits, calendar feed and upcoming GemScheduling bookings.");
        interviewers.MapPut("/interviewers/{userId:long}", Set).Expensive().WithSummary("Set an interviewer's zone, hours, limits and busy-time calendar (an .ics URL or file).");
        interviewers.MapGet("/scheduling-defaults", GetDefaults).WithSummary("The org's default zone, working hours and interview limits.");
        interviewers.MapPut("/scheduling-defaults", SetDefaults).ForAdmins().WithSummary("Set the org's defaults for interviewers without their own settings.");
        return routes;
    }

    private static async Task<Results<Ok<InterviewerProfileView>, ProblemHttpResult>> Get(string orgId, long userId, IGreenhouseReadModel readModel, IGrainFactory grains, TimeProvider time)
    {
        if (await readModel.GetAsync<GreenhouseUser>(orgId, userId) is not { } user)
            return Problems.NotFound("user", userId.ToString());
        var calendar = Calendar(grains, orgId, userId);
        var settings = await calendar.GetSettings();
        var now = time.GetUtcNow();
        return TypedResults.Ok(new InterviewerProfileView(user, settings, await grains.Grain<IOrgGrain>(orgId).GetSchedulingDefaults(),
            await calendar.Busy(now, now.AddDays(14)), await calendar.CalendarProblems(now, now.AddDays(14))));
    }

    private static async Task<Results<Ok<InterviewerProfileView>, ProblemHttpResult>> Set(
        string orgId, long userId, InterviewerSettingsBody? body, IGreenhouseReadModel readModel, IGrainFactory grains, TimeProvider time, HttpContext http)
    {
        if (await readModel.GetAsync<GreenhouseUser>(orgId, userId) is not { } user)
            return Problems.NotFound("user", userId.ToString());
        var errors = new Dictionary<string, string[]>();
        if (body is null)
            errors["$"] = ["A JSON object with the interviewer's settings is required."];
        if (body?.TimeZone is { } zone && !TimeZones.TryFind(zone, out _))
            errors["timeZone"] = [$"'{zone}' is not an IANA time zone."];
        var hours = Hours(body?.WorkingHours, errors);
        Limits(body?.MaxInterviewsPerDay, body?.MaxInterviewsPerWeek, errors);
        if (body?.IcsUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var feed) || feed.Scheme is not ("https" or "http")))
            errors["icsUrl"] = ["Must be an absolute http(s) URL of an iCalendar feed."];
        if (body?.Ics is { Length: > 1_000_000 })
            errors["ics"] = ["At most 1 MB; use icsUrl for bigger calendars."];
        else if (body?.Ics is { } ics && !ics.Contains("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
            errors["ics"] = ["Not an iCalendar (RFC 5545) file: it has no BEGIN:VCALENDAR."];
        Paging.ThrowIfAny(errors);

        var calendar = Calendar(grains, orgId, userId);
        var settings = await calendar.SetSettings(new InterviewerSettings(body?.TimeZone, hours, body?.MaxInterviewsPerDay, body?.MaxInterviewsPerWeek,
            body?.IcsUrl, body?.Ics, null), http.User.Actor());
        var now = time.GetUtcNow();
        return TypedResults.Ok(new InterviewerProfileView(user, settings, await grains.Grain<IOrgGrain>(orgId).GetSchedulingDefaults(),
            await calendar.Busy(now, now.AddDays(14)), await calendar.CalendarProblems(now, now.AddDays(14))));
    }

    private static async Task<Ok<SchedulingDefaults>> GetDefaults(string orgId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Grain<IOrgGrain>(orgId).GetSchedulingDefaults());

    private static async Task<Ok<SchedulingDefaults>> SetDefaults(string orgId, DefaultsBody? body, IGrainFactory grains, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.TimeZone is null || !TimeZones.TryFind(body.TimeZone, out _))
            errors["timeZone"] = ["An IANA time zone is required."];
        var hours = Hours(body?.WorkingHours, errors);
        if (hours.Count == 0)
            errors["workingHours"] = ["At least one range of working hours is required."];
        if (body?.MaxInterviewsPerDay is null || body.MaxInterviewsPerWeek is null)
            errors["maxInterviewsPerDay"] = ["Both daily and weekly limits are required."];
        Limits(body?.MaxInterviewsPerDay, body?.MaxInterviewsPerWeek, errors);
        Paging.ThrowIfAny(errors);
        return TypedResults.Ok(await grains.Grain<IOrgGrain>(orgId).SetSchedulingDefaults(
            new SchedulingDefaults(body!.TimeZone!, hours, body.MaxInterviewsPerDay!.Value, body.MaxInterviewsPerWeek!.Value), http.User.Actor()));
    }

    private static List<WorkingHoursRange> Hours(IReadOnlyList<HoursBody>? bodies, Dictionary<string, string[]> errors)
    {
        var hours = new List<WorkingHoursRange>();
        for (var i = 0; i < (bodies?.Count ?? 0); i++)
        {
            var h = bodies![i];
            if (!Enum.TryParse<DayOfWeek>(h?.Day, ignoreCase: true, out var day) || int.TryParse(h!.Day, out _))
                errors[$"workingHours[{i}].day"] = ["A day name, e.g. monday."];
            if (!TimeOnly.TryParseExact(h?.Start, "HH:mm", out var start))
                errors[$"workingHours[{i}].start"] = ["A local time like 09:00."];
            if (!TimeOnly.TryParseExact(h?.End, "HH:mm", out var end))
                errors[$"workingHours[{i}].end"] = ["A local time like 17:30 (00:00 means midnight)."];
            else if (end != TimeOnly.MinValue && end <= start)
                errors[$"workingHours[{i}].end"] = ["Must be after the start (split ranges that cross midnight)."];
            hours.Add(new WorkingHoursRange(day, start, end));
        }

        return hours;
    }

    private static void Limits(int? perDay, int? perWeek, Dictionary<string, string[]> errors)
    {
        if (perDay is < 0 or > 24)
            errors["maxInterviewsPerDay"] = ["Between 0 and 24."];
        if (perWeek is < 0 or > 100)
            errors["maxInterviewsPerWeek"] = ["Between 0 and 100."];
    }

    private static IInterviewerCalendarGrain Calendar(IGrainFactory grains, string orgId, long userId) =>
        grains.Grain<IInterviewerCalendarGrain>(IInterviewerCalendarGrain.Key(orgId, $"u{userId}"));
}
