using GemScheduling.Greenhouse;
using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Sync.Events;

// The sync's durable progress: a pass survives a silo crash because every planned and completed page is an event.

[GenerateSerializer]
public abstract record SyncEvent;

[GenerateSerializer, Immutable, EventType("sync.pass-started")]
public sealed record SyncPassStarted(string PassId, SyncMode Mode, DateTimeOffset At, string By, Dictionary<ResourceKind, DateTimeOffset?> Since) : SyncEvent;

/// <summary>The first page told how many pages there are (rel="last"), and the URL to make page N from.</summary>
[GenerateSerializer, Immutable, EventType("sync.pages-planned")]
public sealed record SyncPagesPlanned(string PassId, ResourceKind Kind, int? TotalPages, string? PageUrlTemplate) : SyncEvent;

[GenerateSerializer, Immutable, EventType("sync.page-completed")]
public sealed record SyncPageCompleted(string PassId, ResourceKind Kind, int Page, int Records, string? NextUrl) : SyncEvent;

[GenerateSerializer, Immutable, EventType("sync.kind-retrying")]
public sealed record SyncKindRetrying(string PassId, ResourceKind Kind, DateTimeOffset At, string Error) : SyncEvent;

[GenerateSerializer, Immutable, EventType("sync.kind-completed")]
public sealed record SyncKindCompleted(string PassId, ResourceKind Kind, DateTimeOffset At, int RemovedRecords) : SyncEvent;

[GenerateSerializer, Immutable, EventType("sync.kind-failed")]
public sealed record SyncKindFailed(string PassId, ResourceKind Kind, DateTimeOffset At, string Error) : SyncEvent;

/// <summary>A pass ended; only a succeeded pass moves the watermarks (to when it started).</summary>
[GenerateSerializer, Immutable, EventType("sync.pass-finished")]
public sealed record SyncPassFinished(string PassId, DateTimeOffset At, bool Succeeded) : SyncEvent;
