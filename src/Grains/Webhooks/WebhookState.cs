using GemScheduling.Webhooks.Events;

namespace GemScheduling.Webhooks;

[GenerateSerializer]
public sealed class WebhookState
{
    [Id(0)] public string? ProtectedSecret { get; set; }
    [Id(1)] public DateTimeOffset ConfiguredAt { get; set; }
    [Id(2)] public string ConfiguredBy { get; set; } = "";

    /// <summary>Event ids recorded, with when: redeliveries of these are acknowledged and not applied again.</summary>
    [Id(3)] public Dictionary<string, DateTimeOffset> Seen { get; set; } = [];

    /// <summary>Verified deliveries not yet processed, in arrival order.</summary>
    [Id(4)] public List<PendingDelivery> Pending { get; set; } = [];

    [Id(5)] public long Accepted { get; set; }
    [Id(6)] public long Processed { get; set; }
    [Id(7)] public DateTimeOffset? LastReceivedAt { get; set; }
    [Id(8)] public DateTimeOffset? LastProcessedAt { get; set; }
    [Id(9)] public double? LastLagSeconds { get; set; }
    [Id(10)] public string? LastError { get; set; }
    [Id(11)] public int FailuresInARow { get; set; }
    [Id(12)] public DateTimeOffset? RetryAt { get; set; }
    [Id(13)] public Dictionary<string, ActionCount> ByAction { get; set; } = [];

    private static readonly HashSet<string> Counted = [.. GreenhouseWebhookActions.Handled, "ping", WebhookChange.Unreadable.Action];

    public bool IsConfigured => ProtectedSecret is not null;

    public void Apply(WebhookEvent e, int maxSeen, TimeSpan remember)
    {
        switch (e)
        {
            case WebhookConfigured configured:
                (ProtectedSecret, ConfiguredAt, ConfiguredBy, LastReceivedAt, FailuresInARow, RetryAt) = (configured.ProtectedSecret, configured.At, configured.By, null, 0, null);
                break;
            case WebhookRemoved:
                ProtectedSecret = null;
                break;
            case WebhookReceived received:
                Seen[received.EventId] = received.ReceivedAt;
                if (Seen.Count > maxSeen || Accepted % 1000 == 999)
                    Forget(received.ReceivedAt - remember, maxSeen);

                if (received.Change.Kind is not (WebhookKind.Ping or WebhookKind.Unknown))
                    Pending.Add(new PendingDelivery { EventId = received.EventId, Change = received.Change, ReceivedAt = received.ReceivedAt });
                Accepted++;
                LastReceivedAt = received.ReceivedAt;
                // Counted by name only for the events GemScheduling knows; anything a sender invents shares one row.
                var name = Counted.Contains(received.Change.Action) ? received.Change.Action : "(other)";
                var count = ByAction.TryGetValue(name, out var c) ? c : ByAction[name] = new ActionCount();
                (count.Received, count.LastAt) = (count.Received + 1, received.ReceivedAt);
                break;
            case WebhooksProcessed processed:
                var done = processed.EventIds.ToHashSet(StringComparer.Ordinal);
                Pending.RemoveAll(p => done.Contains(p.EventId));
                (Processed, LastProcessedAt, LastLagSeconds, LastError, FailuresInARow, RetryAt) =
                    (Processed + done.Count, processed.At, processed.LagSeconds, null, 0, null);
                break;
            case WebhookProcessingFailed failed:
                (LastError, FailuresInARow, RetryAt) = (failed.Error, FailuresInARow + 1, failed.RetryAt);
                break;
        }
    }

    /// <summary>
    /// Forgets event ids older than the retention (Greenhouse stopped retrying them long before), and past the cap the
    /// oldest tenth at once, so that the cost is paid now and then rather than on every delivery.
    /// </summary>
    private void Forget(DateTimeOffset cutoff, int maxSeen)
    {
        var forget = Seen.Where(s => s.Value < cutoff).Select(s => s.Key).ToList();
        if (Seen.Count - forget.Count > maxSeen)
            forget.AddRange(Seen.Where(s => s.Value >= cutoff).OrderBy(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(Seen.Count - forget.Count - maxSeen * 9 / 10).Select(s => s.Key));
        foreach (var id in forget)
            Seen.Remove(id);
    }
}

[GenerateSerializer]
public sealed class PendingDelivery
{
    [Id(0)] public string EventId { get; set; } = "";
    [Id(1)] public WebhookChange Change { get; set; } = null!;
    [Id(2)] public DateTimeOffset ReceivedAt { get; set; }
}

[GenerateSerializer]
public sealed class ActionCount
{
    [Id(0)] public long Received { get; set; }
    [Id(1)] public DateTimeOffset LastAt { get; set; }
}
