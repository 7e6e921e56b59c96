using GemScheduling.HarvestSandbox.Faults;

namespace GemScheduling.HarvestSandbox;

/// <summary>
/// One fault-injection rule for an organization. It applies to requests whose permission matches
/// <see cref="Endpoint"/> (a permission id such as <c>scheduled_interviews.create</c>, a v3 scope such as
/// <c>harvest:interviews:create</c>, <c>auth.token</c>, a prefix such as <c>harvest:*</c>, or <c>*</c>) and, when set,
/// whose HTTP method is <see cref="Method"/>. Each matching request fires it with probability <see cref="Rate"/>,
/// drawn from a random stream seeded by the org's seed and the rule's number, so a given sequence of requests
/// always meets the same faults. <see cref="MaxOccurrences"/> caps how many times it fires ("fail the next 2 POSTs").
/// </summary>
public sealed record FaultRule
{
    /// <summary>Assigned when the rule is added ("fault_1", ...).</summary>
    public string? Id { get; init; }

    public string Endpoint { get; init; } = "*";

    public string? Method { get; init; }

    public required FaultKind Kind { get; init; }

    public double Rate { get; init; } = 1.0;

    public int? MaxOccurrences { get; init; }

    public TimeSpan? Latency { get; init; }

    public TimeSpan? LatencyMax { get; init; }

    /// <summary>How long a <see cref="FaultKind.Timeout"/> holds the request (default 60 s).</summary>
    public TimeSpan? Hold { get; init; }

    /// <summary>
    /// An absolute http(s) URL: where a <see cref="FaultKind.Redirect"/> sends the client (required), and where a
    /// <see cref="FaultKind.ForeignNextLink"/> points its links (default <see cref="DefaultForeignTarget"/>).
    /// </summary>
    public string? Target { get; init; }

    /// <summary>The size of a <see cref="FaultKind.HugeBody"/> body in bytes (default 50 MiB).</summary>
    public long? BodyBytes { get; init; }

    /// <summary>A <see cref="FaultKind.HugeBody"/> is sent without Content-Length (chunked) instead of with it.</summary>
    public bool ChunkedBody { get; init; }

    /// <summary>How many records an <see cref="FaultKind.OversizedPage"/> holds (default 5000, at most 1,000,000).</summary>
    public int? Count { get; init; }

    /// <summary>The cloud metadata service: a client that follows a link there may hand it its credentials.</summary>
    public const string DefaultForeignTarget = "http://169.254.169.254/latest/meta-data/";

    public const long DefaultBodyBytes = 50L * 1024 * 1024;

    public const int DefaultCount = 5000;

    public const int MaxCount = 1_000_000;

    public static FaultRule Fail(int status, string endpoint = "*", int? times = null, double rate = 1.0) => new()
    {
        Kind = status switch
        {
            500 => FaultKind.Error500,
            502 => FaultKind.Error502,
            503 => FaultKind.Error503,
            429 => FaultKind.RateLimit429,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Supported: 500, 502, 503, 429."),
        },
        Endpoint = endpoint,
        MaxOccurrences = times,
        Rate = rate,
    };

    internal FaultStage Stage => FaultKinds.Stage(Kind);

    internal TimeSpan EffectiveHold => Hold ?? TimeSpan.FromSeconds(60);

    internal string EffectiveTarget => Target ?? DefaultForeignTarget;

    internal long EffectiveBodyBytes => BodyBytes ?? DefaultBodyBytes;

    internal int EffectiveCount => Count ?? DefaultCount;

    internal bool Matches(string permissionId, string method) =>
        EndpointMatches(Endpoint, permissionId) &&
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// "*" matches every request (v1, v2, v3 and token requests); an id ending in "*" matches by prefix
    /// (<c>harvest:*</c> = every v3 endpoint, <c>harvest:interviews:*</c>, <c>scheduled_interviews.*</c>).
    /// </summary>
    private static bool EndpointMatches(string endpoint, string permissionId) =>
        endpoint == "*" ||
        string.Equals(endpoint, permissionId, StringComparison.Ordinal) ||
        (endpoint.EndsWith('*') && permissionId.StartsWith(endpoint[..^1], StringComparison.Ordinal));

    /// <summary>Every endpoint id a rule can name: v1/v2 permission ids, v3 scopes and <c>auth.token</c>.</summary>
    private static IEnumerable<string> KnownEndpointIds =>
        HarvestPermissions.AllIds.Concat(HarvestV3Scopes.AllIds).Append(HarvestV3Scopes.TokenEndpoint.Id);

    internal void Validate()
    {
        if (!KnownEndpointIds.Any(id => EndpointMatches(Endpoint, id)))
        {
            throw new ArgumentException($"Unknown endpoint '{Endpoint}': use a permission id, a v3 scope, 'auth.token', a prefix ending in '*', or '*'.");
        }

        if (Rate is < 0 or > 1 || double.IsNaN(Rate))
        {
            throw new ArgumentException("Rate must be between 0 and 1.");
        }

        if (MaxOccurrences is < 0)
        {
            throw new ArgumentException("MaxOccurrences must not be negative.");
        }

        if (Kind == FaultKind.Latency && Latency is null)
        {
            throw new ArgumentException("A latency fault needs Latency.");
        }

        if (LatencyMax is { } max && Latency is { } min && max < min)
        {
            throw new ArgumentException("LatencyMax must not be below Latency.");
        }

        // A page fault on an endpoint that never serves a page would sit there unseen.
        if (Stage == FaultStage.Page && !FaultKinds.PagedListIds(Kind).Any(id => EndpointMatches(Endpoint, id)))
        {
            var where = Kind == FaultKind.HugeLastPage ? "v1/v2 list endpoints" : "v1/v2 and v3 list endpoints";
            throw new ArgumentException($"A {KindName(Kind)} fault applies to paginated {where} only; '{Endpoint}' names none.");
        }

        if (Kind == FaultKind.Redirect && Target is null)
        {
            throw new ArgumentException("A redirect fault needs Target.");
        }

        if (Target is not null && !(Uri.TryCreate(Target, UriKind.Absolute, out var target) && target.Scheme is "http" or "https"))
        {
            throw new ArgumentException($"Target must be an absolute http or https URL, got '{Target}'.");
        }

        if (BodyBytes is < 1)
        {
            throw new ArgumentException("BodyBytes must be at least 1.");
        }

        if (Count is < 1 or > MaxCount)
        {
            throw new ArgumentException($"Count must be between 1 and {MaxCount}.");
        }
    }

    /// <summary>Wire names used by the admin HTTP surface.</summary>
    public static string KindName(FaultKind kind) => FaultKinds.Name(kind);

    /// <summary>A wire name, or for the status faults the bare status code ("500").</summary>
    public static bool TryParseKind(string? name, out FaultKind kind) => FaultKinds.TryParse(name, out kind);
}

/// <summary>A rule and how often it has fired.</summary>
public sealed record FaultRuleStatus(FaultRule Rule, int Served, int? Remaining);

/// <summary>One fault served.</summary>
public sealed record FaultEvent(long Sequence, DateTimeOffset Timestamp, string RuleId, FaultKind Kind, string Permission, string Method, string Path, string? KeyId);
