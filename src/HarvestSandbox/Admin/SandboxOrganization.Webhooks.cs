using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Generation;
using GemScheduling.HarvestSandbox.Store;
using GemScheduling.HarvestSandbox.Webhooks;

namespace GemScheduling.HarvestSandbox;

// Greenhouse webhooks: the org's hook, its faults, and the events the UI-like mutations raise (docs/WEBHOOKS-CONTRACT.md).
public sealed partial class SandboxOrganization
{
    private const int WebhookLogCapacity = 10_000;

    private readonly Lock _webhookGate = new();
    private readonly Lock _webhookFlushGate = new();
    private readonly ConcurrentQueue<StagedWebhook> _webhookOutbox = new();
    private readonly WebhookDeliveryLog _webhookLog = new(WebhookLogCapacity);
    private volatile WebhookSender? _webhook;
    private volatile SandboxWebhookFaults _webhookFaults = SandboxWebhookFaults.None;
    private int _nextWebhookId;
    private long _nextWebhookEvent;

    /// <summary>
    /// Points the org's webhook at <paramref name="endpoint"/> (http or https), replacing any previous hook (whose
    /// pending events are abandoned), and sends the signed ping first. If the ping is not answered 200 the hook is
    /// disabled, as Greenhouse saves it, and sends nothing until configured again. Default retry policy: Greenhouse's.
    /// </summary>
    public void ConfigureWebhook(Uri endpoint, string secret, SandboxWebhookRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The webhook URL must be an absolute http(s) URL, not '{endpoint}'.", nameof(endpoint));
        }

        var policy = retry ?? SandboxWebhookRetryPolicy.Greenhouse;
        policy.Validate();
        lock (_webhookGate)
        {
            FlushWebhooks();
            _webhook?.Stop();
            var hookId = ++_nextWebhookId;
            var sender = new WebhookSender(hookId, endpoint, secret, policy, Time, () => _webhookFaults,
                SeededRandom.For(Seed, $"webhooks:{hookId}"), _webhookLog, NextWebhookEventId());
            _webhook = sender;
            sender.Start();
        }
    }

    /// <summary>Removes the hook; events not yet delivered are abandoned.</summary>
    public void RemoveWebhook()
    {
        lock (_webhookGate)
        {
            FlushWebhooks();
            _webhook?.Stop();
            _webhook = null;
        }
    }

    /// <summary>Sets the fault rates of every later event (they outlive a hook's replacement).</summary>
    public void SetWebhookFaults(SandboxWebhookFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        faults.Validate();
        _webhookFaults = faults;
    }

    public SandboxWebhookFaults WebhookFaults => _webhookFaults;

    /// <summary>The hook as configured (never the secret) with its counters, or null when there is none.</summary>
    public SandboxWebhookInfo? WebhookInfo() => _webhook?.Info();

    /// <summary>Every delivery attempt of the org's hooks (pings and duplicates included), oldest first; the newest 10,000.</summary>
    public IReadOnlyList<SandboxWebhookDelivery> WebhookDeliveries() => _webhookLog.Snapshot();

    /// <summary>Completes once nothing is queued, held back, in flight or waiting for a retry; else throws <see cref="TimeoutException"/>.</summary>
    public async Task WebhooksSettledAsync(TimeSpan timeout)
    {
        FlushWebhooks();
        if (_webhook is { } sender)
        {
            await sender.SettledAsync().WaitAsync(timeout, Time);
        }
    }

    /// <summary>
    /// Sends any event (an unknown action, a hand-made payload) through the hook, after the events raised before it;
    /// returns its <c>Greenhouse-Event-ID</c>. Throws when no enabled hook is configured.
    /// </summary>
    public string SendWebhook(string action, JsonObject payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(payload);
        var sender = _webhook ?? throw new InvalidOperationException($"Organization {Id} has no webhook configured.");
        if (!sender.Enabled)
        {
            throw new InvalidOperationException($"Organization {Id}'s webhook is disabled: {sender.Info().DisabledReason}");
        }

        var staged = new StagedWebhook(sender, NextWebhookEventId(), action, WebhookEnvelope.Serialize(action, payload));
        _webhookOutbox.Enqueue(staged);
        FlushWebhooks();
        return staged.EventId;
    }

    /// <summary>Stops the hook's background delivery when the server stops (the configuration stays readable).</summary>
    internal void StopWebhookDelivery() => _webhook?.Stop();

    // The Stage* methods run inside Data.Gate, at the end of a successful mutation, so events are staged in the order
    // the mutations happened and carry the data as that mutation left it. FlushWebhooks, called once the lock is
    // released, hands them to the sender. Without a hook they cost one volatile read.
    private void StageApplicationWebhook(string action, Application application)
    {
        if (ActiveWebhook is { } sender)
        {
            Stage(sender, action, ApplicationPayloads.FullApplication(Data, application));
        }
    }

    private void StageHireWebhook(Application application)
    {
        if (ActiveWebhook is { } sender)
        {
            Stage(sender, "hire_candidate", ApplicationPayloads.Hire(Data, application));
        }
    }

    private void StageCandidateWebhook(Candidate candidate)
    {
        if (ActiveWebhook is { } sender)
        {
            Stage(sender, "update_candidate", ApplicationPayloads.CandidateUpdated(Data, candidate));
        }
    }

    private void StageJobWebhook(Job job)
    {
        if (ActiveWebhook is { } sender)
        {
            Stage(sender, "job_updated", JobPayloads.JobUpdated(Data, job));
        }
    }

    private void StageStageDeletedWebhook(JobStage stage)
    {
        if (ActiveWebhook is { } sender)
        {
            Stage(sender, "job_interview_stage_deleted", JobPayloads.StageDeleted(stage, activeBefore: true));
        }
    }

    private void StageInterviewDeletedWebhook(long interviewId)
    {
        if (ActiveWebhook is { } sender)
        {
            Stage(sender, "interview_deleted", JobPayloads.InterviewDeleted(interviewId));
        }
    }

    private WebhookSender? ActiveWebhook => _webhook is { Enabled: true } sender ? sender : null;

    private void Stage(WebhookSender sender, string action, JsonObject payload) =>
        _webhookOutbox.Enqueue(new StagedWebhook(sender, NextWebhookEventId(), action, WebhookEnvelope.Serialize(action, payload)));

    private void FlushWebhooks()
    {
        if (_webhookOutbox.IsEmpty)
        {
            return;
        }

        lock (_webhookFlushGate)
        {
            while (_webhookOutbox.TryDequeue(out var staged))
            {
                staged.Sender.Enqueue(staged.EventId, staged.Action, staged.Body);
            }
        }
    }

    private string NextWebhookEventId() => WebhookEnvelope.EventId(Seed, Id, Interlocked.Increment(ref _nextWebhookEvent));
}
