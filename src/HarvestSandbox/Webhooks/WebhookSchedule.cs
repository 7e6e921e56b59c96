namespace GemScheduling.HarvestSandbox.Webhooks;

/// <summary>
/// Which of a hook's events goes next: the earliest due, then the oldest; an out-of-order event is held back until a
/// later event has had its first attempt (or <see cref="HoldLimit"/> passed). Not thread-safe: the sender locks.
/// </summary>
internal sealed class WebhookSchedule(TimeProvider time)
{
    /// <summary>Longest an out-of-order event waits for a later event to overtake it.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(2);

    private readonly PriorityQueue<WebhookEvent, (DateTimeOffset Due, long Sequence)> _queue = new();
    private WebhookEvent? _held;
    private DateTimeOffset _heldSince;

    public bool Holding => _held is not null;

    public void Add(WebhookEvent e)
    {
        if (e.Fault == WebhookFault.OutOfOrder && _held is null)
        {
            _held = e;
            _heldSince = time.GetUtcNow();
        }
        else
        {
            _queue.Enqueue(e, (e.DueAt, e.Sequence));
        }
    }

    /// <summary>The next due event, or how long until one may be (null: nothing until something is added).</summary>
    public (WebhookEvent? Next, TimeSpan? Wait) TakeNext()
    {
        var now = time.GetUtcNow();
        if (_held is not null && now - _heldSince >= HoldLimit)
        {
            Release(now);
        }

        TimeSpan? wait = null;
        if (_queue.TryPeek(out _, out var key))
        {
            if (key.Due <= now)
            {
                return (_queue.Dequeue(), null);
            }

            wait = key.Due - now;
        }

        if (_held is not null)
        {
            var holdLeft = _heldSince + HoldLimit - now;
            wait = wait is { } w && w < holdLeft ? w : holdLeft;
        }

        return (null, wait);
    }

    /// <summary>After an event's first attempt: an older held-back event may now follow it.</summary>
    public void FirstAttemptMade(WebhookEvent e)
    {
        if (_held is { } held && held.Sequence < e.Sequence)
        {
            Release(time.GetUtcNow());
        }
    }

    public void Retry(WebhookEvent e, DateTimeOffset dueAt)
    {
        e.DueAt = dueAt;
        _queue.Enqueue(e, (e.DueAt, e.Sequence));
    }

    /// <summary>Empties the schedule, held event included.</summary>
    public List<WebhookEvent> Drain()
    {
        var all = new List<WebhookEvent>();
        while (_queue.TryDequeue(out var e, out _))
        {
            all.Add(e);
        }

        if (_held is { } held)
        {
            all.Add(held);
            _held = null;
        }

        return all;
    }

    private void Release(DateTimeOffset now)
    {
        var held = _held!;
        _held = null;
        held.DueAt = now;
        _queue.Enqueue(held, (held.DueAt, held.Sequence));
    }
}
