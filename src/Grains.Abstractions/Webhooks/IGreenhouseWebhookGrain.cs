using System.Text.Json.Serialization;
using Orleans.Concurrency;

namespace GemScheduling.Webhooks;

/// <summary>
/// One org's Greenhouse webhook: its secret (which never leaves this grain), the deliveries it verified and
/// acknowledged (events on the org's webhook stream), and their processing after the acknowledgement. Keyed by org id.
/// </summary>
[Alias("gs.greenhouse-webhooks")]
public interface IGreenhouseWebhookGrain : IGrainWithStringKey
{
    /// <summary>Stores the secret to verify deliveries with, or generates one (returned this once) when none is given.</summary>
    [Alias("configure")]
    Task<WebhookSecretIssued> Configure(string? secret, string actor);

    /// <summary>Forgets the secret; false when there was none.</summary>
    [Alias("remove")]
    Task<bool> Remove(string actor);

    /// <summary>The hook's state and delivery counters; null when none is configured.</summary>
    [Alias("view"), AlwaysInterleave]
    Task<WebhookView?> Get();

    /// <summary>
    /// Verifies a delivery and, when genuine and new, records it; processing happens afterwards. Interleaves, so that
    /// deliveries arriving together are recorded in one append.
    /// </summary>
    [Alias("receive"), AlwaysInterleave]
    Task<WebhookReceipt> Receive(WebhookDelivery delivery);
}

/// <summary>A delivery exactly as it arrived: the raw body bytes and the two headers that matter.</summary>
[GenerateSerializer, Immutable, Alias("gs.webhook-delivery")]
public sealed record WebhookDelivery([property: Id(0)] byte[] Body, [property: Id(1)] string? Signature, [property: Id(2)] string? EventId);

[GenerateSerializer, Alias("gs.webhook-outcome")]
public enum WebhookOutcome
{
    /// <summary>Verified and recorded; it will be processed.</summary>
    [JsonStringEnumMemberName("accepted")] Accepted,

    /// <summary>Verified, but this event id was recorded before: acknowledged, not applied again.</summary>
    [JsonStringEnumMemberName("duplicate")] Duplicate,

    /// <summary>Verified; an event GemScheduling does not act on (the ping among them, or a body it cannot read): recorded and ignored.</summary>
    [JsonStringEnumMemberName("ignored")] Ignored,

    [JsonStringEnumMemberName("not_configured")] NotConfigured,
    [JsonStringEnumMemberName("missing_signature")] MissingSignature,
    [JsonStringEnumMemberName("bad_signature")] BadSignature,
    /// <summary>A Greenhouse-Event-ID header that is not an id (a missing one is replaced by the body's hash).</summary>
    [JsonStringEnumMemberName("missing_event_id")] MissingEventId,
}

[GenerateSerializer, Immutable, Alias("gs.webhook-receipt")]
public sealed record WebhookReceipt([property: Id(0)] WebhookOutcome Outcome, [property: Id(1)] string? Action);

[GenerateSerializer, Immutable, Alias("gs.webhook-secret-issued")]
public sealed record WebhookSecretIssued([property: Id(0)] WebhookView Hook, [property: Id(1)] string? GeneratedSecret);

[GenerateSerializer, Alias("gs.webhook-health")]
public enum WebhookHealth
{
    [JsonStringEnumMemberName("not_configured")] NotConfigured,

    /// <summary>Configured, nothing verified yet: polling keeps its normal pace.</summary>
    [JsonStringEnumMemberName("awaiting_first_delivery")] AwaitingFirstDelivery,

    /// <summary>A verified delivery recently and no failure since: polling stretches.</summary>
    [JsonStringEnumMemberName("healthy")] Healthy,

    /// <summary>No verified delivery for longer than the healthy window: polling is back to normal.</summary>
    [JsonStringEnumMemberName("quiet")] Quiet,

    /// <summary>A delivery failed verification after the last good one, or processing keeps failing: polling is back to normal.</summary>
    [JsonStringEnumMemberName("failing")] Failing,
}

[GenerateSerializer, Immutable, Alias("gs.webhook-view")]
public sealed record WebhookView(
    [property: Id(0)] DateTimeOffset ConfiguredAt,
    [property: Id(1)] string ConfiguredBy,
    [property: Id(2)] WebhookHealth Health,
    [property: Id(3)] DateTimeOffset? LastReceivedAt,
    [property: Id(4)] DateTimeOffset? LastRejectedAt,
    [property: Id(5)] long Accepted,
    [property: Id(6)] long Duplicates,
    [property: Id(7)] long Rejected,
    [property: Id(8)] int Pending,
    [property: Id(9)] long Processed,
    [property: Id(10)] DateTimeOffset? LastProcessedAt,
    [property: Id(11)] double? LastLagSeconds,
    [property: Id(12)] string? LastProcessingError,
    [property: Id(13)] IReadOnlyList<WebhookActionCount> ByAction);

/// <summary>Deliveries of one action: received (accepted and duplicates) and when the last arrived.</summary>
[GenerateSerializer, Immutable, Alias("gs.webhook-action-count")]
public sealed record WebhookActionCount([property: Id(0)] string Action, [property: Id(1)] long Received, [property: Id(2)] DateTimeOffset LastAt);
