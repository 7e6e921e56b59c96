using System.Threading.RateLimiting;
using GemScheduling.Api.Auth;
using Microsoft.Extensions.Options;

namespace GemScheduling.Api.RateLimits;

/// <summary>
/// The limiter every request passes: a bucket per client address for whatever carries no valid token (anonymous
/// routes, failed authentications, docs), and a bucket per token plus one per org for authenticated traffic. The
/// admin token and health probes are not limited. It runs after authentication, which refuses malformed tokens and
/// tokens of unknown orgs without any lookup, so a bad token costs at most one in-memory read of a known org's grain.
/// </summary>
internal sealed class RequestLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly RateLimitSettings _settings;
    private readonly PartitionedRateLimiter<string> _addresses;
    private readonly PartitionedRateLimiter<string> _tokens;
    private readonly PartitionedRateLimiter<string> _orgs;
    private readonly PartitionedRateLimiter<string> _webhooks;

    public RequestLimiter(IOptions<RateLimitSettings> settings)
    {
        _settings = settings.Value;
        _addresses = Buckets(_settings.AnonymousPerMinute);
        _tokens = Buckets(_settings.PerTokenPerMinute);
        _orgs = Buckets(_settings.PerOrgPerMinute);
        _webhooks = Buckets(_settings.WebhookDeliveriesPerOrgPerMinute);
    }

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static TokenBucketRateLimiterOptions PerMinute(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(perMinute >= 60 ? 1 : 60.0 / perMinute),
        QueueLimit = 0,
    };

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => Caller(resource) switch
    {
        Kind.Unlimited => null,
        Kind.Anonymous => _addresses.GetStatistics(Address(resource)),
        Kind.Webhook => _webhooks.GetStatistics(WebhookOrg(resource)),
        _ => _tokens.GetStatistics(Token(resource)),
    };

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        switch (Caller(resource))
        {
            case Kind.Unlimited:
                return Granted.Instance;
            case Kind.Anonymous:
                return _addresses.AttemptAcquire(Address(resource), permitCount);
            case Kind.Webhook:
                return _webhooks.AttemptAcquire(WebhookOrg(resource), permitCount);
        }

        var token = _tokens.AttemptAcquire(Token(resource), permitCount);
        if (!token.IsAcquired)
            return token;
        token.Dispose();
        return _orgs.AttemptAcquire(resource.User.OrgId()!, permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _addresses.Dispose();
            _tokens.Dispose();
            _orgs.Dispose();
            _webhooks.Dispose();
        }

        base.Dispose(disposing);
    }

    private enum Kind { Unlimited, Anonymous, Webhook, Token }

    private Kind Caller(HttpContext context) =>
        !_settings.Enabled || context.Request.Path.StartsWithSegments("/health") || context.User.IsAdmin() ? Kind.Unlimited
        : context.User.OrgId() is null && context.Request.Path.StartsWithSegments(Webhooks.GreenhouseWebhooksApi.DeliveryPath) ? Kind.Webhook
        : context.User.OrgId() is null ? Kind.Anonymous
        : Kind.Token;

    /// <summary>
    /// Deliveries count per org and sending address: Greenhouse sends every org's from a few addresses, and forged
    /// traffic from elsewhere to an org cannot use up the bucket its genuine deliveries take from. Bounded in length.
    /// </summary>
    private static string WebhookOrg(HttpContext context)
    {
        var rest = context.Request.Path.Value![Webhooks.GreenhouseWebhooksApi.DeliveryPath.Length..].Trim('/');
        return $"{Address(context)}|{(rest.Length > 64 ? rest[..64] : rest)}";
    }

    private static string Token(HttpContext context) => $"{context.User.OrgId()}/{context.User.FindFirst(Principals.TokenClaim)?.Value}";

    private static PartitionedRateLimiter<string> Buckets(int perMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => PerMinute(perMinute)));

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
