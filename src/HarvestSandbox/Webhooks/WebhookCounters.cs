namespace GemScheduling.HarvestSandbox.Webhooks;

internal enum WebhookOutcome
{
    Attempted,
    Delivered,
    Failed,
    Abandoned,
}

/// <summary>Per-action counts of one hook; the sender calls it under its own lock.</summary>
internal sealed class WebhookCounters
{
    private readonly Dictionary<string, int[]> _byAction = new(StringComparer.Ordinal);

    public void Count(string action, WebhookOutcome outcome)
    {
        if (!_byAction.TryGetValue(action, out var counts))
        {
            _byAction[action] = counts = new int[4];
        }

        counts[(int)outcome]++;
    }

    public IReadOnlyDictionary<string, SandboxWebhookCounts> Snapshot() =>
        _byAction.ToDictionary(
            kv => kv.Key,
            kv => new SandboxWebhookCounts(kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3]),
            StringComparer.Ordinal);
}
