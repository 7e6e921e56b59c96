using System.Text.Json.Serialization;
using GemScheduling.Orgs;
using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Schedules.Events;

[GenerateSerializer]
public abstract record ScheduleEvent(DateTimeOffset At);

[GenerateSerializer, Immutable, EventType("schedule.created")]
public sealed record ScheduleCreated(
    string ScheduleId, long ApplicationId, long CandidateId, long? JobId, ActingUser Organizer, IReadOnlyList<PlannedInterview> Interviews,
    string? IdempotencyFingerprint, DateTimeOffset At, string By, string? BookingLinkId = null) : ScheduleEvent(At);

/// <summary>Interviews moved, re-staffed or re-located (their new full form), added, or removed.</summary>
[GenerateSerializer, Immutable, EventType("schedule.interviews-changed")]
public sealed record InterviewsChanged(
    IReadOnlyList<PlannedInterview> Changed, IReadOnlyList<PlannedInterview> Added, IReadOnlyList<string> Removed, DateTimeOffset At, string By)
    : ScheduleEvent(At);

[GenerateSerializer, Immutable, EventType("schedule.cancelled")]
public sealed record ScheduleCancelled(string Reason, DateTimeOffset At, string By) : ScheduleEvent(At);

/// <summary>The interviewers' calendars hold exactly this schedule's current interviews.</summary>
[GenerateSerializer, Immutable, EventType("schedule.calendars-confirmed")]
public sealed record CalendarsConfirmed(DateTimeOffset At) : ScheduleEvent(At);

/// <summary>
/// The intent half of the outbox: a write Greenhouse (or the candidate) must receive exactly once. <paramref name="Armed"/>:
/// stored already counted as attempted once (as a <see cref="MutationAttempted"/> would), for a write that may land ambiguously.
/// </summary>
[GenerateSerializer, Immutable, EventType("schedule.mutation-requested")]
public sealed record MutationRequested(
    string MutationId, MutationKind Kind, string? InterviewId, string? NoteBody, EmailMessage? Email, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Armed = false)
    : ScheduleEvent(At);

/// <summary>Recorded before a write that might land: a later attempt looks it up before writing again.</summary>
[GenerateSerializer, Immutable, EventType("schedule.mutation-attempted")]
public sealed record MutationAttempted(string MutationId, int Attempt, DateTimeOffset At) : ScheduleEvent(At);

[GenerateSerializer, Immutable, EventType("schedule.mutation-succeeded")]
public sealed record MutationSucceeded(string MutationId, long? GreenhouseId, string? Detail, DateTimeOffset At) : ScheduleEvent(At);

[GenerateSerializer, Immutable, EventType("schedule.mutation-retry-scheduled")]
public sealed record MutationRetryScheduled(string MutationId, string Error, DateTimeOffset NextAttemptAt, DateTimeOffset At) : ScheduleEvent(At);

/// <summary>
/// Not sent: the org's rate budget admits the write only at <paramref name="Until"/>. It is not a try, and the attempt
/// recorded for it never reached Greenhouse, so the count goes back to <paramref name="Attempts"/>.
/// </summary>
[GenerateSerializer, Immutable, EventType("schedule.mutation-deferred")]
public sealed record MutationDeferred(string MutationId, int Attempts, DateTimeOffset Until, DateTimeOffset At) : ScheduleEvent(At);

/// <summary>A permanent refusal (a 4xx other than 429): surfaced, never retried.</summary>
[GenerateSerializer, Immutable, EventType("schedule.mutation-failed")]
public sealed record MutationFailed(string MutationId, string Error, DateTimeOffset At) : ScheduleEvent(At);

/// <summary>Not performed on purpose: <paramref name="Why"/> says which kind of reason, <paramref name="Reason"/> says it to people.</summary>
[GenerateSerializer, Immutable, EventType("schedule.mutation-skipped")]
public sealed record MutationSkipped(string MutationId, string Reason, DateTimeOffset At, SkipReason Why = SkipReason.NotNeeded) : ScheduleEvent(At);

[GenerateSerializer, Immutable, EventType("schedule.drift-detected")]
public sealed record DriftDetected(string InterviewId, DriftKind Kind, string Detail, string Fingerprint, DateTimeOffset At) : ScheduleEvent(At);

[GenerateSerializer, Immutable, EventType("schedule.reconciled")]
public sealed record ScheduleReconciled(int GreenhouseInterviews, int NewDrift, DateTimeOffset At, string By) : ScheduleEvent(At);

/// <summary>A coordinator asked for a write that had failed for good to be tried again from scratch.</summary>
[GenerateSerializer, Immutable, EventType("schedule.mutation-redriven")]
public sealed record MutationRedriven(string MutationId, DateTimeOffset At, string By) : ScheduleEvent(At);
