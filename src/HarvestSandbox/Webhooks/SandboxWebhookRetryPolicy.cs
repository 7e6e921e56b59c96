namespace GemScheduling.HarvestSandbox.Webhooks;

/// <summary>
/// How a webhook event is retried: <see cref="Delays"/>[i] is the gap between attempt i+1 and attempt i+2, so an event
/// gets <c>Delays.Count + 1</c> attempts; each attempt is abandoned (and counts as failed) after <see cref="AttemptTimeout"/>.
/// </summary>
public sealed record SandboxWebhookRetryPolicy(IReadOnlyList<TimeSpan> Delays, TimeSpan AttemptTimeout)
{
    /// <summary>
    /// Greenhouse's documented schedule (docs/WEBHOOKS-CONTRACT.md §1): 7 attempts, gaps of 1, 15, 60, 120, 240 and
    /// 480 minutes. Greenhouse gives no timeout; 30 s is the sandbox's choice.
    /// </summary>
    public static SandboxWebhookRetryPolicy Greenhouse { get; } = new(
        [.. new[] { 1, 15, 60, 120, 240, 480 }.Select(m => TimeSpan.FromMinutes(m))], TimeSpan.FromSeconds(30));

    /// <summary>The same 7 attempts with gaps of 50 ms doubling to 1.6 s (3.15 s in all) and a 5 s timeout, for tests.</summary>
    public static SandboxWebhookRetryPolicy Fast { get; } = new(
        [.. new[] { 50, 100, 200, 400, 800, 1600 }.Select(ms => TimeSpan.FromMilliseconds(ms))], TimeSpan.FromSeconds(5));

    public int MaxAttempts => Delays.Count + 1;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Delays);
        if (Delays.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(Delays), "Retry delays must not be negative.");
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), "The attempt timeout must be positive.");
        }
    }
}
