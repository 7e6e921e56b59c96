using Orleans.Runtime;

namespace GemScheduling.Api.Hosting;

public sealed record FailoverRetryOptions
{
    /// <summary>
    /// Waits between tries: about 25 s in all, longer than membership takes to declare a killed silo dead (about 15 s, more
    /// on starved CPUs) and inside the 30 s request timeout.
    /// </summary>
    public IReadOnlyList<TimeSpan> Delays { get; init; } =
    [
        TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3),
        TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3),
    ];
}

/// <summary>When a command (not a read) may be repeated after a failover: only where the route itself makes a repeat harmless.</summary>
public enum RepeatWhen
{
    /// <summary>It only computes (suggestions).</summary>
    Always,

    /// <summary>It honours Idempotency-Key (schedule create): a repeat returns what the first try made.</summary>
    WithIdempotencyKey,

    /// <summary>It checks If-Match against a version (a schedule's PATCH and cancel); "*" checks nothing, so it is not enough.</summary>
    WithIfMatchVersion,
}

public sealed record RepeatableMetadata(RepeatWhen When);

public static class RepeatableEndpoints
{
    public static TBuilder Repeatable<TBuilder>(this TBuilder endpoints, RepeatWhen when) where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(new RepeatableMetadata(when));
}

/// <summary>
/// When a silo dies, calls to the grains it held fail (<see cref="SiloUnavailableException"/>, a rejected message) until
/// they are activated elsewhere, seconds later. Where repeating the request cannot do anything twice — a read, or a
/// command whose route declares how (<see cref="RepeatWhen"/>) and that carries what it needs — it is repeated, so the
/// client sees latency, not a 503. A repeated If-Match command whose first try did land answers 412, never a second change.
/// </summary>
internal sealed class FailoverRetryFilter(FailoverRetryOptions options, ILogger<FailoverRetryFilter> logger) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!IsRepeatable(http))
            return next(context);
        return new ValueTask<object?>(SiloFailover.RepeatAsync(() => next(context).AsTask(), options, logger,
            $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText}", http.RequestAborted));
    }

    public static bool IsRepeatable(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || http.GetEndpoint()?.Metadata.GetMetadata<RepeatableMetadata>()?.When switch
        {
            RepeatWhen.Always => true,
            RepeatWhen.WithIdempotencyKey => http.Request.Headers.ContainsKey("Idempotency-Key"),
            RepeatWhen.WithIfMatchVersion => Schedules.ETags.NamesVersion(http.Request),
            _ => false,
        };

    public static bool IsFailover(Exception exception) => SiloFailover.IsFailover(exception);
}
