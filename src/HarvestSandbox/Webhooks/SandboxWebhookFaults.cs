namespace GemScheduling.HarvestSandbox.Webhooks;

/// <summary>
/// Per-event fault rates (0–1) of an organization's webhook deliveries, drawn from a stream seeded by the org's seed.
/// At most one fault applies to an event; when several would, the first in the order of the parameters wins.
/// </summary>
/// <param name="Duplicate">The event, once delivered, is delivered again at once: same event id, same body.</param>
/// <param name="OutOfOrder">The event is held back until the next event has been sent (at most 2 s of the org's clock).</param>
/// <param name="BadSignature">The first attempt is signed with a wrong key; the normal retries sign correctly.</param>
/// <param name="Delay">The first attempt waits <paramref name="DelayBy"/>; later events do not wait for it.</param>
public sealed record SandboxWebhookFaults(double Duplicate = 0, double OutOfOrder = 0, double BadSignature = 0, double Delay = 0, TimeSpan DelayBy = default)
{
    public static SandboxWebhookFaults None { get; } = new();

    internal void Validate()
    {
        Rate(Duplicate, nameof(Duplicate));
        Rate(OutOfOrder, nameof(OutOfOrder));
        Rate(BadSignature, nameof(BadSignature));
        Rate(Delay, nameof(Delay));
        if (DelayBy < TimeSpan.Zero || (Delay > 0 && DelayBy == TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(DelayBy), DelayBy, "DelayBy must be positive when Delay is above 0 (and never negative).");
        }
    }

    private static void Rate(double value, string name)
    {
        if (!(value is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is a rate and must be between 0 and 1.");
        }
    }
}
