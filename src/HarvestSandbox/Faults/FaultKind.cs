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

    /// <summary>Answer 302 Found with <c>Location:</c> <see cref="FaultRule.Target"/>, before auth.</summary>
    [JsonStringEnumMemberName("redirect")] Redirect,

    /// <summary>
    /// Answer 200 <c>application/json</c> with <see cref="FaultRule.BodyBytes"/> bytes (default 50 MiB) that start like an
    /// array of objects and keep going, streamed; with or without Content-Length (<see cref="FaultRule.ChunkedBody"/>).
    /// </summary>
    [JsonStringEnumMemberName("huge_body")] HugeBody,

    /// <summary>Answer 200 <c>application/json</c> with a body that is not JSON (a truncated array).</summary>
    [JsonStringEnumMemberName("invalid_json")] InvalidJson,
}
