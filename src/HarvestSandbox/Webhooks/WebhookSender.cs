using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Generation;

namespace GemScheduling.HarvestSandbox.Webhooks;

/// <summary>
/// Delivers one configured hook's events in the background: one request at a time, first attempts in event order, and
/// each retry when the policy makes it due, so a retried event can arrive after later ones (as on Greenhouse).
/// The hook's ping goes first; if it fails the hook is disabled and nothing else is sent.
/// </summary>
internal sealed class WebhookSender
{
    private readonly Lock _gate = new();
    private readonly WebhookSchedule _schedule;
    private readonly WebhookCounters _counters = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly WebhookPoster _poster;
    private readonly TimeProvider _time;
    private readonly Func<SandboxWebhookFaults> _faults;
    private readonly SeededRandom _random;
    private readonly WebhookDeliveryLog _log;
    private WebhookEvent? _current;
    private long _nextSequence = 1;
    private int _outstanding;
    private TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _disabledReason;
    private bool _stopped;

    public WebhookSender(int hookId, Uri endpoint, string secret, SandboxWebhookRetryPolicy policy, TimeProvider time,
        Func<SandboxWebhookFaults> faults, SeededRandom random, WebhookDeliveryLog log, string pingEventId)
    {
        HookId = hookId;
        Endpoint = endpoint;
        Policy = policy;
        _time = time;
        _faults = faults;
        _random = random;
        _log = log;
        _schedule = new WebhookSchedule(time);
        _poster = new WebhookPoster(endpoint, secret, policy.AttemptTimeout, time);
        var ping = WebhookEnvelope.Serialize("ping", new JsonObject { ["web_hook_id"] = hookId });
        Add(new WebhookEvent(pingEventId, "ping", ping, 0, WebhookFault.None, isPing: true) { DueAt = time.GetUtcNow() });
    }

    public int HookId { get; }

    public Uri Endpoint { get; }

    public SandboxWebhookRetryPolicy Policy { get; }

    public bool Enabled
    {
        get
        {
            lock (_gate)
            {
                return !_stopped && _disabledReason is null;
            }
        }
    }

    public void Start() => _ = Task.Run(RunAsync);

    public void Enqueue(string eventId, string action, byte[] body)
    {
        lock (_gate)
        {
            if (_stopped || _disabledReason is not null)
            {
                _counters.Count(action, WebhookOutcome.Abandoned);
                return;
            }

            var fault = DrawFault(out var delayBy);
            if (fault == WebhookFault.OutOfOrder && _schedule.Holding)
            {
                fault = WebhookFault.None;
            }

            Add(new WebhookEvent(eventId, action, body, _nextSequence++, fault, isPing: false) { DueAt = _time.GetUtcNow() + delayBy });
        }
    }

    /// <summary>Stops delivery for good: whatever is queued, held back or in flight is abandoned.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            AbandonPending();
            if (_current is { } current)
            {
                _counters.Count(current.Action, WebhookOutcome.Abandoned);
                _current = null;
            }

            _outstanding = 0;
            _settled.TrySetResult();
        }

        _stop.Cancel();
    }

    /// <summary>Completes when nothing is queued, held back, in flight or waiting for a retry.</summary>
    public Task SettledAsync()
    {
        lock (_gate)
        {
            return _settled.Task;
        }
    }

    public SandboxWebhookInfo Info()
    {
        lock (_gate)
        {
            return new SandboxWebhookInfo(Endpoint, HookId, Policy, !_stopped && _disabledReason is null, _disabledReason, _outstanding, _counters.Snapshot());
        }
    }

    private void Add(WebhookEvent e)
    {
        _schedule.Add(e);
        if (_outstanding++ == 0)
        {
            _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        Wake();
    }

    // Four draws per event whatever the rates, so changing one rate does not shift what the others draw.
    private WebhookFault DrawFault(out TimeSpan delayBy)
    {
        var f = _faults();
        var duplicate = _random.NextDouble() < f.Duplicate;
        var outOfOrder = _random.NextDouble() < f.OutOfOrder;
        var badSignature = _random.NextDouble() < f.BadSignature;
        var delayed = _random.NextDouble() < f.Delay;
        var fault = duplicate ? WebhookFault.Duplicate
            : outOfOrder ? WebhookFault.OutOfOrder
            : badSignature ? WebhookFault.BadSignature
            : delayed ? WebhookFault.Delayed
            : WebhookFault.None;
        delayBy = fault == WebhookFault.Delayed ? f.DelayBy : TimeSpan.Zero;
        return fault;
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (next, wait) = TakeNext();
                if (next is not null)
                {
                    await DeliverAsync(next, stop);
                }
                else if (wait is not { } w || w > TimeSpan.Zero)
                {
                    await WaitAsync(wait, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            _poster.Dispose();
        }
    }

    private (WebhookEvent? Next, TimeSpan? Wait) TakeNext()
    {
        lock (_gate)
        {
            var (next, wait) = _schedule.TakeNext();
            _current = next;
            return (next, wait);
        }
    }

    private async Task WaitAsync(TimeSpan? wait, CancellationToken stop)
    {
        if (wait is not { } w)
        {
            await _wake.WaitAsync(stop);
            return;
        }

        using var timer = new CancellationTokenSource(w, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timer.Token);
        try
        {
            await _wake.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(WebhookEvent e, CancellationToken stop)
    {
        e.Attempts++;
        var first = e.Attempts == 1;
        var result = await AttemptAsync(e, first && e.Fault != WebhookFault.Duplicate ? e.Fault : WebhookFault.None, stop);
        if (result.Status == 200 && e.Fault == WebhookFault.Duplicate)
        {
            await AttemptAsync(e, WebhookFault.Duplicate, stop);
        }

        lock (_gate)
        {
            _current = null;
            if (_stopped)
            {
                return;
            }

            if (first)
            {
                _schedule.FirstAttemptMade(e);
            }

            if (result.Status == 200)
            {
                Finish(e, WebhookOutcome.Delivered);
            }
            else if (e.IsPing)
            {
                Finish(e, WebhookOutcome.Failed);
                var answer = result.Status is { } s ? $"HTTP {s}" : result.Error;
                _disabledReason = $"The ping got {answer}, so the hook was saved disabled; configure it again to send a new ping.";
                AbandonPending();
            }
            else if (e.Attempts >= Policy.MaxAttempts)
            {
                Finish(e, WebhookOutcome.Failed);
            }
            else
            {
                _schedule.Retry(e, result.SentAt + Policy.Delays[e.Attempts - 1]);
            }
        }
    }

    private async Task<WebhookPostResult> AttemptAsync(WebhookEvent e, WebhookFault fault, CancellationToken stop)
    {
        var forged = fault == WebhookFault.BadSignature;
        var result = await _poster.PostAsync(e, forged, stop);
        _log.Add(new SandboxWebhookDelivery(e.Id, e.Action, e.Attempts, result.SentAt, result.Status, result.Error, !forged, WebhookEvent.Label(fault)));
        lock (_gate)
        {
            _counters.Count(e.Action, WebhookOutcome.Attempted);
        }

        return result;
    }

    private void AbandonPending()
    {
        foreach (var e in _schedule.Drain())
        {
            Finish(e, WebhookOutcome.Abandoned);
        }
    }

    private void Finish(WebhookEvent e, WebhookOutcome outcome)
    {
        _counters.Count(e.Action, outcome);
        if (--_outstanding == 0)
        {
            _settled.TrySetResult();
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }
}
