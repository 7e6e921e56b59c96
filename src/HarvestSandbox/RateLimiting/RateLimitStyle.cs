using System.Text.Json.Serialization;

namespace GemScheduling.HarvestSandbox;

/// <summary>How 429s look; Greenhouse's documentation changed over time (docs/HARVEST-CONTRACT.md §4).</summary>
public enum RateLimitStyle
{
    /// <summary>Since March 2024: X-RateLimit-* on every response; on 429 Retry-After in seconds and X-RateLimit-Reset.</summary>
    [JsonStringEnumMemberName("current")] Current,

    /// <summary>2018–2023 docs: the 429 response omits X-RateLimit-Limit/Remaining (and Reset).</summary>
    [JsonStringEnumMemberName("no_headers_on_429")] NoHeadersOn429,

    /// <summary>Oct 2023 – Mar 2024 docs: Retry-After is an epoch timestamp, not seconds.</summary>
    [JsonStringEnumMemberName("retry_after_epoch")] RetryAfterEpoch,
}
