namespace GemScheduling.HarvestSandbox.Webhooks;

/// <summary>
/// One delivery attempt, as sent. <see cref="StatusCode"/> is null when no response came (timeout, connection error:
/// see <see cref="Error"/>). <see cref="Fault"/> is <c>none</c>, <c>duplicate</c> (the extra copy), <c>out-of-order</c>,
/// <c>bad-signature</c> or <c>delayed</c> (the attempt the fault shaped).
/// </summary>
public sealed record SandboxWebhookDelivery(
    string EventId, string Action, int Attempt, DateTimeOffset SentAt, int? StatusCode, string? Error, bool SignedCorrectly, string Fault);

/// <summary>The organization's webhook as configured (never its secret) and what became of its events so far.</summary>
public sealed record SandboxWebhookInfo(
    Uri Url, int WebHookId, SandboxWebhookRetryPolicy Retry, bool Enabled, string? DisabledReason, int Pending,
    IReadOnlyDictionary<string, SandboxWebhookCounts> Counters);

/// <summary>Per action: attempts made, events delivered (HTTP 200), failed (no 200 by the last attempt) and abandoned (hook removed or disabled first).</summary>
public sealed record SandboxWebhookCounts(int Attempts, int Delivered, int Failed, int Abandoned);
