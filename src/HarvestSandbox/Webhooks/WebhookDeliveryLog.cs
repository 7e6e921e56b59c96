namespace GemScheduling.HarvestSandbox.Webhooks;

/// <summary>Every delivery attempt of an organization's hooks, in send order, keeping the newest <c>capacity</c>.</summary>
internal sealed class WebhookDeliveryLog(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<SandboxWebhookDelivery> _entries = new();

    public void Add(SandboxWebhookDelivery delivery)
    {
        lock (_gate)
        {
            if (_entries.Count >= capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(delivery);
        }
    }

    public IReadOnlyList<SandboxWebhookDelivery> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }
}
