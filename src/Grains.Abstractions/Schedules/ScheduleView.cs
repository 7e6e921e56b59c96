namespace GemScheduling.Schedules;

/// <summary>A schedule as the API shows it, with every interview's write-back status.</summary>
[GenerateSerializer, Immutable, Alias("gs.schedule-view")]
public sealed record ScheduleView(
    [property: Id(0)] string Id,
    [property: Id(1)] long ApplicationId,
    [property: Id(2)] long CandidateId,
    [property: Id(3)] long? JobId,
    [property: Id(4)] ScheduleStatus Status,
    [property: Id(5)] ActingUserView Organizer,
    [property: Id(6)] IReadOnlyList<InterviewView> Interviews,
    [property: Id(7)] WriteBackStatus WriteBack,
    [property: Id(8)] IReadOnlyList<MutationView> Mutations,
    [property: Id(9)] IReadOnlyList<DriftView> Drift,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] string CreatedBy,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] int Version,
    [property: Id(14)] string? CancelReason,
    [property: Id(15)] IReadOnlyList<string> Warnings);

[GenerateSerializer, Immutable, Alias("gs.acting-user-view")]
public sealed record ActingUserView([property: Id(0)] long UserId, [property: Id(1)] string Email, [property: Id(2)] string? Name);

[GenerateSerializer, Immutable, Alias("gs.interview-view")]
public sealed record InterviewView(
    [property: Id(0)] string Id,
    [property: Id(1)] long InterviewStepId,
    [property: Id(2)] string InterviewStepName,
    [property: Id(3)] IReadOnlyList<InterviewerView> Interviewers,
    [property: Id(4)] DateTimeOffset Start,
    [property: Id(5)] DateTimeOffset End,
    [property: Id(6)] string TimeZone,
    [property: Id(7)] string? Location,
    [property: Id(8)] string? VideoConferencingUrl,
    [property: Id(9)] InterviewStatus Status,
    [property: Id(10)] string ExternalEventId,
    [property: Id(11)] long? GreenhouseInterviewId,
    [property: Id(12)] WriteBackStatus WriteBack,
    [property: Id(13)] string? LastError);

[GenerateSerializer, Immutable, Alias("gs.interviewer-view")]
public sealed record InterviewerView([property: Id(0)] long? UserId, [property: Id(1)] string? Email, [property: Id(2)] string? Name);

/// <summary>One Greenhouse (or email) write: intent, attempts, outcome.</summary>
[GenerateSerializer, Immutable, Alias("gs.mutation-view")]
public sealed record MutationView(
    [property: Id(0)] string Id,
    [property: Id(1)] MutationKind Kind,
    [property: Id(2)] string? InterviewId,
    [property: Id(3)] MutationStatus Status,
    [property: Id(4)] int Attempts,
    [property: Id(5)] DateTimeOffset RequestedAt,
    [property: Id(6)] DateTimeOffset? CompletedAt,
    [property: Id(7)] DateTimeOffset? NextAttemptAt,
    [property: Id(8)] string? LastError,
    [property: Id(9)] long? GreenhouseId);

/// <summary>Something changed in Greenhouse that GemScheduling did not do; shown, never silently overwritten.</summary>
[GenerateSerializer, Immutable, Alias("gs.drift-view")]
public sealed record DriftView(
    [property: Id(0)] string InterviewId,
    [property: Id(1)] DriftKind Kind,
    [property: Id(2)] string Detail,
    [property: Id(3)] DateTimeOffset DetectedAt);

