using System.Text.Json.Serialization;

namespace GemScheduling.HarvestSandbox;

public enum FaultKind
{
    /// <summary>Respond 500 <c>{"message":"Internal Server Error"}</c> before doing anything.</summary>
    [JsonStringEnumMemberName("error_500")] Error500,

    /// <summary>Respond 502 with an HTML body, as a load balancer would.</summary>
    [JsonStringEnumMemberName("error_502")] Error502,

    /// <summary>Respond 503 with an HTML body.</summary>
    [JsonStringEnumMemberName("error_503")] Error503,

    /// <summary>Respond 429 as if the key were over its limit (headers as per the org's <see cref="RateLimitStyle"/>).</summary>
    [JsonStringEnumMemberName("rate_limit_429")] RateLimit429,

    /// <summary>Add latency (<see cref="FaultRule.Latency"/>, or a range up to <see cref="FaultRule.LatencyMax"/>), then go on.</summary>
    [JsonStringEnumMemberName("latency")] Latency,

    /// <summary>Hold the request open for <see cref="FaultRule.Hold"/> (default 60 s), then answer 504.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,

    /// <summary>Abort the connection without a response.</summary>
    [JsonStringEnumMemberName("drop")] Drop,

    /// <summary>Writes only: store the write, then answer 500.</summary>
    [JsonStringEnumMemberName("commit_then_fail")] CommitThenFail,

    /// <summary>Writes only: store the write, then abort the connection without a response.</summary>
    [JsonStringEnumMemberName("commit_then_drop")] CommitThenDrop,

    /// <summary>
    /// v1/v2 lists only: the real page, but its <c>rel="last"</c> claims page 2147483647 and a <c>rel="next"</c> is always
    /// there. Ignored on v3, which has no last link.
    /// </summary>
    [JsonStringEnumMemberName("huge_last_page")] HugeLastPage,

    /// <summary>
    /// Lists: every page links a further page, past the data and forever (v1: page n+1, empty; v3: a fresh, valid cursor
    /// to an empty page).
    /// </summary>
    [JsonStringEnumMemberName("endless_next")] EndlessNext,

    /// <summary>
    /// Lists: the real page, but its <c>rel="next"</c> (always there) and on v1 its <c>rel="last"</c> point at
    /// <see cref="FaultRule.Target"/>, another origin (default: the cloud metadata address).
    /// </summary>
    [JsonStringEnumMemberName("foreign_next_link")] ForeignNextLink,

    /// <summary>Answer 302 Found with <c>Location:</c> <see cref="FaultRule.Target"/>, before auth.</summary>
    [JsonStringEnumMemberName("redirect")] Redirect,

    /// <summary>
    /// Answer 200 <c>application/json</c> with <see cref="FaultRule.BodyBytes"/> bytes (default 50 MiB) that start like an
    /// array of objects and keep going, streamed; with or without Content-Length (<see cref="FaultRule.ChunkedBody"/>).
    /// </summary>
    [JsonStringEnumMemberName("huge_body")] HugeBody,

    /// <summary>Answer 200 <c>application/json</c> with a body that is not JSON (a truncated array).</summary>
    [JsonStringEnumMemberName("invalid_json")] InvalidJson,

    /// <summary>
    /// Lists: answer 200 with <see cref="FaultRule.Count"/> records (default 5000), far more than per_page allows: the
    /// page's first record repeated with new ids.
    /// </summary>
    [JsonStringEnumMemberName("oversized_page")] OversizedPage,
}
