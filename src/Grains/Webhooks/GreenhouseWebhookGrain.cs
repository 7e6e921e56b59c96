using System.Security.Cryptography;
using GemScheduling.EventSourcing;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Security;
using GemScheduling.Webhooks.Events;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace GemScheduling.Webhooks;

/// <summary>
/// An org's Greenhouse webhook. A delivery is verified against the secret before anything else, de-duplicated by its
/// event id, recorded as an event and only then acknowledged; processing follows in the background, retried with
/// backoff until it succeeds, and resumes after a crash from the recorded deliveries. Rejected deliveries change
/// nothing durable: they are counted in memory and logged without their body.
/// </summary>
[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed partial class GreenhouseWebhookGrain(
    CredentialProtector protector, WebhookOptions options, IGreenhouseFactory greenhouses, IGreenhouseReadModel readModel, IScheduleIndex index,
    TimeProvider time, ILogger<GreenhouseWebhookGrain> logger)
    : EventSourcedGrain<WebhookState, WebhookEvent>, IGreenhouseWebhookGrain, IRemindable
{
    private const int MinSecretLength = GreenhouseWebhookActions.MinSecretLength;
    private const int MaxSecretLength = GreenhouseWebhookActions.MaxSecretLength;
    private const int MaxEventIdLength = GreenhouseWebhookActions.MaxEventIdLength;
    private const int MaxEventsPerAppend = 500;
    private static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _raiseGate = new(1, 1);
    private readonly List<WebhookReceived> _toRecord = [];
    private readonly Dictionary<string, TaskCompletionSource> _recording = new(StringComparer.Ordinal);
    private Task? _recorder;
    private (string Protected, string Plain)? _secret;
    private long _duplicates;
    private long _rejected;
    private DateTimeOffset? _lastRejectedAt;

    protected override string StreamCategory => "webhooks";

    protected override int SnapshotEvery => 500;

    private string OrgId => this.GetPrimaryKeyString();

    /// <summary>The secret's ciphertext is bound to this org and this purpose: it decrypts nowhere else.</summary>
    private string SecretScope => $"{OrgId}/greenhouse-webhook";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Pending.Count > 0)
            WakeAfter(TimeSpan.FromMilliseconds(200)); // recorded before a crash or deactivation: process now
    }

    public async Task<WebhookSecretIssued> Configure(string? secret, string actor)
    {
        string? generated = null;
        if (secret is null)
            secret = generated = Orgs.ApiTokens.RandomSecret();
        else if (secret.Length is < MinSecretLength or > MaxSecretLength || secret.Any(c => c is < '!' or > '~'))
            throw new ValidationFailedException("secret",
                $"Must be {MinSecretLength}–{MaxSecretLength} printable ASCII characters without spaces; or leave it out and GemScheduling generates one.");

        var protectedSecret = protector.Protect(SecretScope, secret);
        await RaiseAsync(new WebhookConfigured(protectedSecret, time.GetUtcNow(), actor), actor);
        return new WebhookSecretIssued(View()!, generated);
    }

    public async Task<bool> Remove(string actor)
    {
        if (!State.IsConfigured)
            return false;
        await RaiseAsync(new WebhookRemoved(time.GetUtcNow()), actor);
        return true;
    }

    public Task<WebhookView?> Get() => Task.FromResult(View());

    public async Task<WebhookReceipt> Receive(WebhookDelivery delivery)
    {
        if (Secret() is not { } secret)
            return new WebhookReceipt(WebhookOutcome.NotConfigured, null);
        if (string.IsNullOrWhiteSpace(delivery.Signature))
            return Rejected(WebhookOutcome.MissingSignature);
        if (!WebhookSignature.Verify(secret, delivery.Body, delivery.Signature))
            return Rejected(WebhookOutcome.BadSignature);
        // Greenhouse always sends an event id; without one, the body's hash de-duplicates its retries just as well.
        var eventId = string.IsNullOrEmpty(delivery.EventId) ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(delivery.Body)) : delivery.EventId;
        if (eventId.Length > MaxEventIdLength || eventId.Any(c => c is < '!' or > '~'))
            return new WebhookReceipt(WebhookOutcome.MissingEventId, null);
        // Signed but unreadable (Greenhouse's ping body is undocumented): acknowledged and recorded, so it is not retried for 15 h.
        var change = WebhookChange.Parse(delivery.Body) ?? WebhookChange.Unreadable;
        if (State.Seen.ContainsKey(eventId))
            return Duplicate(change);
        if (_recording.TryGetValue(eventId, out var same))
        {
            await same.Task; // the same event arrived twice at once: it is a duplicate once the first is recorded
            return Duplicate(change);
        }

        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _recording[eventId] = recorded;
        _toRecord.Add(new WebhookReceived(eventId, change, time.GetUtcNow()));
        if (_recorder is not { IsCompleted: false })
            _recorder = RecordAsync();
        await recorded.Task;
        WebhookMetrics.Received.Add(1, new KeyValuePair<string, object?>("kind", change.Kind.ToString()));
        if (State.Pending.Count > 0)
            await StartProcessingAsync();
        return new WebhookReceipt(change.Kind is WebhookKind.Ping or WebhookKind.Unknown ? WebhookOutcome.Ignored : WebhookOutcome.Accepted, change.Action);
    }

    /// <summary>
    /// Group commit within the org: deliveries verified while an append is in flight wait for the next one and go in it
    /// together, so a burst costs a few appends rather than one each. Each waits until its own event is durable.
    /// </summary>
    private async Task RecordAsync()
    {
        while (_toRecord.Count > 0)
        {
            List<WebhookReceived> batch = [];
            Exception? failure = null;
            await _raiseGate.WaitAsync();
            try
            {
                batch = _toRecord.Take(MaxEventsPerAppend).ToList();
                _toRecord.RemoveRange(0, batch.Count);
                // Decided against the state: a retried append whose first try landed records nothing twice.
                await ExecuteAsync(state => batch.Where(r => !state.Seen.ContainsKey(r.EventId)).ToList());
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                _raiseGate.Release();
            }

            foreach (var received in batch)
            {
                if (!_recording.Remove(received.EventId, out var waiting))
                    continue;
                if (failure is null)
                    waiting.TrySetResult();
                else
                    waiting.TrySetException(failure);
            }
        }
    }

    private WebhookReceipt Duplicate(WebhookChange change)
    {
        _duplicates++;
        return new WebhookReceipt(WebhookOutcome.Duplicate, change.Action);
    }

    protected override void TransitionState(WebhookState state, WebhookEvent @event) =>
        state.Apply(@event, options.MaxRememberedEventIds, options.RememberEventIdsFor);

    private WebhookReceipt Rejected(WebhookOutcome outcome)
    {
        _rejected++;
        _lastRejectedAt = time.GetUtcNow();
        WebhookMetrics.Rejected.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        return new WebhookReceipt(outcome, null);
    }

    /// <summary>The secret in force, decrypted once per stored value (so a rotation is seen at once, whoever raised it).</summary>
    private string? Secret()
    {
        if (State.ProtectedSecret is not { } stored)
            return null;
        if (_secret is not { } cached || cached.Protected != stored)
            _secret = cached = (stored, protector.Unprotect(SecretScope, stored));
        return cached.Plain;
    }

    private WebhookHealth CurrentHealth()
    {
        if (!State.IsConfigured)
            return WebhookHealth.NotConfigured;
        if (State.LastReceivedAt is not { } last)
            return _lastRejectedAt is null ? WebhookHealth.AwaitingFirstDelivery : WebhookHealth.Failing;
        if (_lastRejectedAt > last || State.FailuresInARow >= options.FailuresBeforeUnhealthy)
            return WebhookHealth.Failing;
        if (State.Pending.Count > 0 && time.GetUtcNow() - State.Pending[0].ReceivedAt > StalledAfter)
            return WebhookHealth.Failing; // deliveries arrive but are not being applied: polling must not slow down meanwhile
        return time.GetUtcNow() - last > options.HealthyFor ? WebhookHealth.Quiet : WebhookHealth.Healthy;
    }

    private WebhookView? View() => !State.IsConfigured ? null : new WebhookView(
        State.ConfiguredAt, State.ConfiguredBy, CurrentHealth(), State.LastReceivedAt, _lastRejectedAt, State.Accepted, _duplicates, _rejected,
        State.Pending.Count, State.Processed, State.LastProcessedAt, State.LastLagSeconds, State.LastError,
        State.ByAction.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new WebhookActionCount(a.Key, a.Value.Received, a.Value.LastAt)).ToList());

    private async Task RaiseAsync(WebhookEvent e, string? actor = null)
    {
        await _raiseGate.WaitAsync();
        try
        {
            await ExecuteAsync(_ => [e], actor);
        }
        finally
        {
            _raiseGate.Release();
        }
    }
}
