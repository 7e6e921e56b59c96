using Microsoft.Extensions.Configuration;

namespace GemScheduling.Webhooks;

/// <summary>How webhooks and polling share the work (<c>Webhooks:*</c>).</summary>
public sealed record WebhookOptions
{
    /// <summary>The incremental poll's interval while webhooks are healthy (polling stays the safety net).</summary>
    public TimeSpan PollIntervalWhenHealthy { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Webhooks count as healthy for this long after the last verified delivery; then polling returns to its pace.</summary>
    public TimeSpan HealthyFor { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Event ids are remembered this long to refuse redeliveries (Greenhouse retries for about 15 h).</summary>
    public TimeSpan RememberEventIdsFor { get; init; } = TimeSpan.FromHours(48);

    /// <summary>At most this many event ids are remembered, the oldest dropped first.</summary>
    public int MaxRememberedEventIds { get; init; } = 50_000;

    /// <summary>Deliveries processed together: their candidates and jobs are read once for all of them.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>How long processing waits for more of a burst before reading Greenhouse for what has arrived.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The first pause after processing fails; it doubles with each failure in a row, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Processing failures in a row after which the hook reports itself failing (and polling returns to its pace).</summary>
    public int FailuresBeforeUnhealthy { get; init; } = 3;

    public static WebhookOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new WebhookOptions();
        return defaults with
        {
            PollIntervalWhenHealthy = configuration.GetValue("Webhooks:PollIntervalWhenHealthy", defaults.PollIntervalWhenHealthy),
            HealthyFor = configuration.GetValue("Webhooks:HealthyFor", defaults.HealthyFor),
        };
    }
}
