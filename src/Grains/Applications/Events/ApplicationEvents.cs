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
