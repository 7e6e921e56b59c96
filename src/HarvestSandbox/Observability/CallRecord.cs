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
}

public sealed record RequestCounters(long Requests, long RateLimited, long FaultsServed);

/// <summary>Counters for an organization, in total and per API key id.</summary>
public sealed record OrganizationCounters(long Requests, long RateLimited, long FaultsServed, IReadOnlyDictionary<string, RequestCounters> ByKey);
