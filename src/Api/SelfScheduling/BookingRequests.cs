using GemScheduling.Api.Availability;
using GemScheduling.Api.Hosting;
using GemScheduling.Orgs;
using GemScheduling.Planning;

namespace GemScheduling.Api.SelfScheduling;

public sealed record BookingStepBody(long? InterviewStepId, int? DurationMinutes, IReadOnlyList<long>? InterviewerPool, int? InterviewersNeeded);

/// <summary>
/// A booking link to create. Steps default their duration to the step's estimate and their pool to its default
/// interviewers; the dates default to the next 14 days.
/// </summary>
public sealed record BookingLinkBody(
    IReadOnlyList<BookingStepBody>? Steps, string? From, string? To, int? MinimumNoticeHours, int? BufferMinutes, int? ChangeCutoffHours,
    double? ExpiresInHours, string? Location, string? VideoConferencingUrl);

/// <summary>Checks a booking link request field by field, then lets the suggestion engine resolve and check its steps.</summary>
internal static class BookingRequests
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(14);
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(28);

    /// <summary>What the request leaves out comes from the org's candidate link policy: its notice, horizon and change cutoff.</summary>
    public static async Task<(BookingPlan Plan, DateTimeOffset ExpiresAt, IReadOnlyList<string> Warnings)> PlanAsync(
        string orgId, long applicationId, BookingLinkBody? body, AvailabilityLinkPolicy policy, ILoopSuggester suggester, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Steps is not { Count: > 0 })
            errors["steps"] = ["At least one interview step is required."];
        for (var i = 0; i < (body?.Steps?.Count ?? 0); i++)
            if (body!.Steps![i]?.InterviewStepId is not > 0)
                errors[$"steps[{i}].interviewStepId"] = ["The Greenhouse interview step id is required."];
        var from = AvailabilityApi.Instant(body?.From, "from", errors) ?? now;
        var to = AvailabilityApi.Instant(body?.To, "to", errors) ?? Min(from + DefaultRange, now.AddDays(policy.HorizonDays));
        if (from < now.AddDays(-1))
            errors["from"] = ["Must not be in the past."];
        if (to <= from)
            errors["to"] = ["Must be after from."];
        else if (to - from > MaxRange)
            errors["to"] = ["At most 28 days after from."];
        Between(errors, "minimumNoticeHours", body?.MinimumNoticeHours, 0, 336);
        Between(errors, "bufferMinutes", body?.BufferMinutes, 0, 240);
        Between(errors, "changeCutoffHours", body?.ChangeCutoffHours, 0, 336);
        if (body?.ExpiresInHours is { } hours && (double.IsNaN(hours) || hours <= 0 || hours > 720))
            errors["expiresInHours"] = ["Between 0 and 720 hours (30 days)."];
        if (body?.Location is { Length: > 500 })
            errors["location"] = ["At most 500 characters."];
        if (body?.VideoConferencingUrl is { } url && (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var video) || video.Scheme is not ("https" or "http")))
            errors["videoConferencingUrl"] = ["Must be an absolute http(s) URL."];
        Paging.ThrowIfAny(errors);

        var notice = body!.MinimumNoticeHours ?? (int)Math.Ceiling(policy.MinimumNoticeHours);
        var buffer = body.BufferMinutes ?? 0;
        // The engine names each step's problems (unknown, not schedulable, no interviewers, bad duration) and fills in
        // what was left out; its options tell the coordinator now whether the link will offer anything.
        var found = await suggester.SuggestAsync(orgId, applicationId,
            new SuggestLoopRequest([.. body.Steps!.Select(s => new LoopStepRequest(s.InterviewStepId!.Value, s.DurationMinutes, s.InterviewerPool, s.InterviewersNeeded ?? 1))],
                KeepOrder: true, BreakMinutes: buffer, MaxDays: 1, From: from, To: to, MaxOptions: 1, LeadTimeMinutes: notice * 60),
            LoopOverrides.Anytime(from, to, TimeZoneInfo.Utc), cancellationToken);
        var plan = new BookingPlan(applicationId,
            [.. found.Steps.Select(s => new BookingStep(s.InterviewStepId, s.DurationMinutes, [.. s.Pool.Select(u => u.UserId)], s.InterviewersNeeded, s.Name))],
            from, to, notice, buffer, body.ChangeCutoffHours ?? policy.BookingChangeCutoffHours, body.Location, body.VideoConferencingUrl);
        var expires = body.ExpiresInHours is { } lifetime ? now.AddHours(lifetime) : to;
        var warnings = found.Options.Count > 0 ? found.Warnings : [.. found.Warnings, "No time in this range is open yet: " + string.Join("; ", found.Blockers)];
        return (plan, expires, warnings);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void Between(Dictionary<string, string[]> errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
            errors[field] = [$"Between {min} and {max}."];
    }
}
