namespace GemScheduling.HarvestSandbox;

/// <summary>
/// One Harvest call as the sandbox saw it. <see cref="Status"/> is 0 when the connection was dropped without a
/// response. <see cref="Fault"/> names the injected fault(s), if any. For v3 calls and token requests
/// <see cref="KeyId"/> is the OAuth client id (so counters are per credential), <see cref="Permission"/> the scope
/// (or <c>auth.token</c>), and <see cref="ClientId"/>/<see cref="Sub"/> are set.
/// </summary>
public sealed record CallRecord(
    long Sequence,
    DateTimeOffset Timestamp,
    string Method,
    string PathAndQuery,
    string? KeyId,
    string? Permission,
    int Status,
    string? Fault,
    long? OnBehalfOf,
    double DurationMilliseconds)
{
    /// <summary>The v3 OAuth client id (v3 calls and token requests only).</summary>
    public string? ClientId { get; init; }

    /// <summary>The acting user: the token's <c>sub</c> on v3 calls, the requested or service user on token requests.</summary>
    public long? Sub { get; init; }

    /// <summary>
    /// On a 429: the moment its Retry-After names (the request's arrival plus the seconds, or the epoch time). A client that
    /// honours it sends nothing on this key before then.
    /// </summary>
    public DateTimeOffset? RetryAfterUntil { get; init; }

    /// <summary>The moment a 429's Retry-After names: seconds after <paramref name="now"/>, or an epoch time (above 1e9).</summary>
    internal static DateTimeOffset? RetryAfterOf(HttpResponse response, DateTimeOffset now) =>
        response.StatusCode == StatusCodes.Status429TooManyRequests
        && long.TryParse(response.Headers.RetryAfter.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value > 1_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(value) : now.AddSeconds(value)
            : null;
}

public sealed record RequestCounters(long Requests, long RateLimited, long FaultsServed);

/// <summary>Counters for an organization, in total and per API key id.</summary>
public sealed record OrganizationCounters(long Requests, long RateLimited, long FaultsServed, IReadOnlyDictionary<string, RequestCounters> ByKey);
