using GemScheduling.Greenhouse;
using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Applications.Events;

[GenerateSerializer]
public abstract record ApplicationEvent;

[GenerateSerializer, Immutable, EventType("application.schedule-attached")]
public sealed record ScheduleAttached(string ScheduleId, DateTimeOffset At) : ApplicationEvent;

[GenerateSerializer, Immutable, EventType("application.changed-in-greenhouse")]
public sealed record ApplicationChangedInGreenhouse(Application Application, DateTimeOffset At) : ApplicationEvent;

/// <summary>A note or email landed on the candidate's activity feed (found there, or created).</summary>
[GenerateSerializer, Immutable, EventType("application.candidate-write-recorded")]
public sealed record CandidateWriteRecorded(string WriteId, string Kind, long? GreenhouseId, bool FoundExisting, DateTimeOffset At) : ApplicationEvent;

/// <summary>The latest windows from one source (replacing that source's earlier ones).</summary>
[GenerateSerializer, Immutable, EventType("application.availability-recorded")]
public sealed record AvailabilityRecorded(GemScheduling.Availability.AvailabilitySource Source) : ApplicationEvent;

/// <summary>The Greenhouse activity feed was read for availability (with what went wrong, if anything).</summary>
[GenerateSerializer, Immutable, EventType("application.availability-checked")]
public sealed record AvailabilityChecked(DateTimeOffset At, string? Problem) : ApplicationEvent;

[GenerateSerializer, Immutable, EventType("application.availability-link-issued")]
public sealed record AvailabilityLinkIssued(string LinkId, DateTimeOffset ExpiresAt, bool ExpiresOnSubmission, DateTimeOffset At, string By) : ApplicationEvent;

[GenerateSerializer, Immutable, EventType("application.availability-link-revoked")]
public sealed record AvailabilityLinkRevoked(string LinkId, DateTimeOffset At, string By) : ApplicationEvent;

/// <summary>The candidate submitted through a link that expires on submission: it works no more.</summary>
[GenerateSerializer, Immutable, EventType("application.availability-link-used")]
public sealed record AvailabilityLinkUsed(string LinkId, DateTimeOffset At) : ApplicationEvent;
