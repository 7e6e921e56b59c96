using Orleans.Runtime;

namespace GemScheduling.Api.Hosting;

public sealed record FailoverRetryOptions
{
    /// <summary>Waits between tries; their sum (about 16 s) stays inside the 30 s request timeout.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; init; } =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];
}

/// <summary>Marks a POST that only computes (suggestions): repeating it after a failover does nothing twice.</summary>
public sealed class RepeatableMetadata;

/// <summary>
/// When a silo dies, calls to the grains it held fail (<see cref="SiloUnavailableException"/>, a rejected message) until
/// they are activated elsewhere, seconds later. Where repeating the request cannot do anything twice — a read, or a
/// command carrying an <c>Idempotency-Key</c> or <c>If-Match</c> — it is repeated, so the client sees latency, not a 503.
/// </summary>
internal sealed class FailoverRetryFilter(FailoverRetryOptions options, ILogger<FailoverRetryFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var repeatable = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                         || http.Request.Headers.ContainsKey("Idempotency-Key") || http.Request.Headers.IfMatch.Count > 0
                         || http.GetEndpoint()?.Metadata.GetMetadata<RepeatableMetadata>() is not null;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception ex) when (repeatable && IsFailover(ex) && attempt < options.Delays.Count && !http.RequestAborted.IsCancellationRequested)
            {
                logger.LogInformation("A silo is gone ({Failure}); repeating {Method} {Route} in {Delay} ms", ex.GetType().Name, http.Request.Method,
                    (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText, options.Delays[attempt].TotalMilliseconds);
                await Task.Delay(options.Delays[attempt], http.RequestAborted);
            }
        }
    }

    public static bool IsFailover(Exception exception) => exception is SiloUnavailableException or OrleansMessageRejectionException
        || exception.InnerException is SiloUnavailableException or OrleansMessageRejectionException;
}
