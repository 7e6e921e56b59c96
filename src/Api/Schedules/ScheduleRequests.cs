using System.Globalization;
using System.Text.RegularExpressions;
using GemScheduling.Schedules;

namespace GemScheduling.Api.Schedules;

public sealed record InterviewerBody(long? UserId, string? Email);

public sealed record InterviewBody(
    long? InterviewStepId, IReadOnlyList<InterviewerBody>? Interviewers, string? Start, string? End, string? TimeZone,
    string? Location, string? VideoConferencingUrl);

public sealed record CreateScheduleBody(long? ApplicationId, IReadOnlyList<InterviewBody>? Interviews, string? OrganizerEmail);

public sealed record InterviewChangeBody(
    string? InterviewId, string? Start, string? End, string? TimeZone, IReadOnlyList<InterviewerBody>? Interviewers,
    string? Location, string? VideoConferencingUrl);

public sealed record UpdateScheduleBody(IReadOnlyList<InterviewChangeBody>? Changes, IReadOnlyList<InterviewBody>? Add, IReadOnlyList<string>? Remove);

public sealed record CancelScheduleBody(string? Reason);

/// <summary>Turns request bodies into commands, naming every field that is missing or malformed.</summary>
internal static partial class ScheduleRequests
{
    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();

    public static CreateSchedule ToCommand(CreateScheduleBody? body, string actor, string? idempotencyKey)
    {
        var errors = new Dictionary<string, List<string>>();
        if (body?.ApplicationId is not > 0)
            Add(errors, "applicationId", "The Greenhouse application id is required.");
        if (body?.Interviews is not { Count: > 0 })
            Add(errors, "interviews", "At least one interview is required.");
        if (body?.OrganizerEmail is { Length: 0 or > 320 })
            Add(errors, "organizerEmail", "Must be an email address.");
        var interviews = (body?.Interviews ?? []).Select((i, n) => Interview(i, $"interviews[{n}]", errors)).ToList();
        Throw(errors);
        return new CreateSchedule(body!.ApplicationId!.Value, interviews!, body.OrganizerEmail, actor, idempotencyKey);
    }

    public static UpdateSchedule ToCommand(UpdateScheduleBody? body, string actor, int? expectedVersion)
    {
        var errors = new Dictionary<string, List<string>>();
        if (body is null || (body.Changes is not { Count: > 0 } && body.Add is not { Count: > 0 } && body.Remove is not { Count: > 0 }))
            Add(errors, "changes", "Give at least one of changes, add or remove.");
        var changes = new List<InterviewChange>();
        for (var n = 0; n < (body?.Changes?.Count ?? 0); n++)
        {
            var change = body!.Changes![n];
            var field = $"changes[{n}]";
            if (string.IsNullOrWhiteSpace(change?.InterviewId))
            {
                Add(errors, $"{field}.interviewId", "Which interview to change is required.");
                continue;
            }

            changes.Add(new InterviewChange(change.InterviewId,
                change.Start is null ? null : Instant(change.Start, $"{field}.start", errors),
                change.End is null ? null : Instant(change.End, $"{field}.end", errors),
                change.TimeZone, change.Interviewers is null ? null : Interviewers(change.Interviewers, $"{field}.interviewers", errors),
                change.Location, change.VideoConferencingUrl));
        }

        var add = (body?.Add ?? []).Select((i, n) => Interview(i, $"add[{n}]", errors)).ToList();
        var remove = (body?.Remove ?? []).ToList();
        if (remove.Any(string.IsNullOrWhiteSpace))
            Add(errors, "remove", "Interview ids must not be empty.");
        Throw(errors);
        return new UpdateSchedule(changes, add!, remove, actor, expectedVersion);
    }

    private static InterviewRequest? Interview(InterviewBody? body, string field, Dictionary<string, List<string>> errors)
    {
        if (body is null)
        {
            Add(errors, field, "An interview is required here.");
            return null;
        }

        if (body.InterviewStepId is not > 0)
            Add(errors, $"{field}.interviewStepId", "The Greenhouse interview step id is required.");
        if (body.Interviewers is not { Count: > 0 })
            Add(errors, $"{field}.interviewers", "At least one interviewer is required.");
        if (string.IsNullOrWhiteSpace(body.TimeZone))
            Add(errors, $"{field}.timeZone", "The IANA time zone to show the interview in is required (e.g. America/New_York).");
        var start = body.Start is null ? Missing($"{field}.start", errors) : Instant(body.Start, $"{field}.start", errors);
        var end = body.End is null ? Missing($"{field}.end", errors) : Instant(body.End, $"{field}.end", errors);
        var interviewers = Interviewers(body.Interviewers ?? [], $"{field}.interviewers", errors);
        return new InterviewRequest(body.InterviewStepId ?? 0, interviewers, start ?? default, end ?? default, body.TimeZone ?? "",
            body.Location, body.VideoConferencingUrl);
    }

    private static IReadOnlyList<InterviewerRef> Interviewers(IReadOnlyList<InterviewerBody?> bodies, string field, Dictionary<string, List<string>> errors)
    {
        var interviewers = new List<InterviewerRef>();
        for (var n = 0; n < bodies.Count; n++)
        {
            var who = bodies[n];
            if (who is null || (who.UserId is null) == string.IsNullOrWhiteSpace(who.Email) || who.UserId is <= 0)
            {
                Add(errors, $"{field}[{n}]", "Give exactly one of userId (a Greenhouse user id) or email (someone outside Greenhouse).");
                continue;
            }

            interviewers.Add(new InterviewerRef(who.UserId, who.UserId is null ? who.Email!.Trim() : null));
        }

        return interviewers;
    }

    /// <summary>ISO-8601 with an explicit offset: a time without one is ambiguous, so it is refused rather than guessed.</summary>
    private static DateTimeOffset? Instant(string text, string field, Dictionary<string, List<string>> errors)
    {
        if (text.Length <= 40 && ExplicitOffset().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && value.Year is > 2000 and < 2200)
            return value;
        Add(errors, field, "Must be an ISO-8601 instant with an offset, e.g. 2026-12-01T15:00:00Z.");
        return null;
    }

    private static DateTimeOffset? Missing(string field, Dictionary<string, List<string>> errors)
    {
        Add(errors, field, "Required.");
        return null;
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
    }

    private static void Throw(Dictionary<string, List<string>> errors)
    {
        if (errors.Count > 0)
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), "The schedule request is not valid.");
    }
}
