using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Webhooks.Events;

// The org's webhook stream: the secret (encrypted), every verified delivery, and its processing. A delivery is
// acknowledged once its event is durable, so a crash between acknowledgement and processing loses nothing.

[GenerateSerializer]
public abstract record WebhookEvent;

[GenerateSerializer, Immutable, EventType("webhook.configured")]
public sealed record WebhookConfigured(string ProtectedSecret, DateTimeOffset At, string By) : WebhookEvent;

[GenerateSerializer, Immutable, EventType("webhook.removed")]
public sealed record WebhookRemoved(DateTimeOffset At) : WebhookEvent;

[GenerateSerializer, Immutable, EventType("webhook.received")]
public sealed record WebhookReceived(string EventId, WebhookChange Change, DateTimeOffset ReceivedAt) : WebhookEvent;

/// <summary>These deliveries were applied; <paramref name="LagSeconds"/> is the slowest from change (or receipt) to now.</summary>
[GenerateSerializer, Immutable, EventType("webhook.processed")]
public sealed record WebhooksProcessed(IReadOnlyList<string> EventIds, DateTimeOffset At, double LagSeconds) : WebhookEvent;

[GenerateSerializer, Immutable, EventType("webhook.processing-failed")]
public sealed record WebhookProcessingFailed(IReadOnlyList<string> EventIds, DateTimeOffset At, string Error, DateTimeOffset RetryAt) : WebhookEvent;
