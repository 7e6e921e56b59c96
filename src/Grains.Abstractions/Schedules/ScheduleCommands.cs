namespace GemScheduling.Schedules;

/// <summary>Schedule one or more interviews for an application.</summary>
[GenerateSerializer, Immutable, Alias("gs.create-schedule")]
public sealed record CreateSchedule(
    [property: Id(0)] long ApplicationId,
    [property: Id(1)] IReadOnlyList<InterviewRequest> Interviews,
    [property: Id(2)] string? OrganizerEmail,
    [property: Id(3)] string Actor,
    [property: Id(4)] string? IdempotencyKey,
    [property: Id(5)] string? BookingLinkId = null);

/// <summary>One interview: an interview step of the application's job, who, when (instants) and where.</summary>
[GenerateSerializer, Immutable, Alias("gs.interview-request")]
public sealed record InterviewRequest(
    [property: Id(0)] long InterviewStepId,
    [property: Id(1)] IReadOnlyList<InterviewerRef> Interviewers,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] string TimeZone,
    [property: Id(5)] string? Location,
    [property: Id(6)] string? VideoConferencingUrl);

/// <summary>A Greenhouse user by id, or someone outside Greenhouse by email.</summary>
[GenerateSerializer, Immutable, Alias("gs.interviewer-ref")]
public sealed record InterviewerRef([property: Id(0)] long? UserId, [property: Id(1)] string? Email)
{
    public string CalendarKey => UserId is { } id ? $"u{id}" : $"e{Email!.Trim().ToLowerInvariant()}";
}

/// <summary>Changes to a schedule: interviews moved, re-staffed or re-located; added; removed.</summary>
[GenerateSerializer, Immutable, Alias("gs.update-schedule")]
public sealed record UpdateSchedule(
    [property: Id(0)] IReadOnlyList<InterviewChange> Changes,
    [property: Id(1)] IReadOnlyList<InterviewRequest> Add,
    [property: Id(2)] IReadOnlyList<string> Remove,
    [property: Id(3)] string Actor,
    [property: Id(4)] int? ExpectedVersion);

/// <summary>Null members stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("gs.interview-change")]
public sealed record InterviewChange(
    [property: Id(0)] string InterviewId,
    [property: Id(1)] DateTimeOffset? Start,
    [property: Id(2)] DateTimeOffset? End,
    [property: Id(3)] string? TimeZone,
    [property: Id(4)] IReadOnlyList<InterviewerRef>? Interviewers,
    [property: Id(5)] string? Location,
    [property: Id(6)] string? VideoConferencingUrl);
