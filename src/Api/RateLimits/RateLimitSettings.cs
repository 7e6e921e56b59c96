using System.ComponentModel.DataAnnotations;

namespace GemScheduling.Api.RateLimits;

/// <summary>
/// Request limits (<c>RateLimits:*</c>), each a token bucket refilled over a minute. Anonymous traffic and failed
/// authentications count per client address, before any lookup; authenticated traffic per token and per org, with a
/// stricter bucket per org for the routes that make Greenhouse or the suggestion engine work.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>Requests a minute from one client address that carry no valid token (availability links, failed authentications, docs).</summary>
    [Range(1, 1_000_000)]
    public int AnonymousPerMinute { get; set; } = 120;

    [Range(1, 1_000_000)]
    public int PerTokenPerMinute { get; set; } = 600;

    [Range(1, 1_000_000)]
    public int PerOrgPerMinute { get; set; } = 1200;

    /// <summary>Suggestions, syncs, reconciliation, connect and verify, calendar uploads, link issuing: per org.</summary>
    [Range(1, 1_000_000)]
    public int ExpensivePerOrgPerMinute { get; set; } = 60;

    /// <summary>Greenhouse webhook deliveries a minute per org (they carry no token; their signature is checked after this).</summary>
    [Range(1, 1_000_000)]
    public int WebhookDeliveriesPerOrgPerMinute { get; set; } = 6000;

    /// <summary>Off only for benchmarks that measure the service itself.</summary>
    public bool Enabled { get; set; } = true;
}
