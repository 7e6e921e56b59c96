namespace GemScheduling.HarvestSandbox;

/// <summary>
/// One Harvest call as the sandbox saw it. <see cref="Status"/> is 0 when the connection was dropped without a
/// response. <see cref="Fault"/> names the injected fault(s), if any.
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
    double DurationMilliseconds);

public sealed record RequestCounters(long Requests, long RateLimited, long FaultsServed);

/// <summary>Counters for an organization, in total and per API key id.</summary>
public sealed record OrganizationCounters(long Requests, long RateLimited, long FaultsServed, IReadOnlyDictionary<string, RequestCounters> ByKey);
