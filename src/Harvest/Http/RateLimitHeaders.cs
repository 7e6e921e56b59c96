using System.Globalization;
using System.Net;
using GemScheduling.Harvest.RateBudget;

namespace GemScheduling.Harvest.Http;

/// <summary>Reads X-RateLimit-* and Retry-After the defensive way docs/HARVEST-CONTRACT.md §4 asks for.</summary>
public static class RateLimitHeaders
{
    public static RateLimitObservation? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        var limit = Int(response, "X-RateLimit-Limit");
        var remaining = Int(response, "X-RateLimit-Remaining");
        var throttled = response.StatusCode == HttpStatusCode.TooManyRequests;
        if (limit is null && remaining is null && !throttled)
            return null;
        return new RateLimitObservation(now, limit, remaining, throttled, throttled ? RetryDelay(response, now) : null);
    }

    /// <summary>
    /// How long to wait after a 429: Retry-After as seconds (below 1e6) or an epoch time (above 1e9), else
    /// X-RateLimit-Reset as an epoch time or seconds, else 10 s.
    /// </summary>
    public static TimeSpan RetryDelay(HttpResponseMessage response, DateTimeOffset now)
    {
        if (Number(response, "Retry-After") is { } retryAfter && AsDelay(retryAfter, now) is { } fromRetryAfter)
            return fromRetryAfter;
        if (response.Headers.RetryAfter?.Date is { } date)
            return Clamp(date - now);
        if (Number(response, "X-RateLimit-Reset") is { } reset && AsDelay(reset, now) is { } fromReset)
            return fromReset;
        return TimeSpan.FromSeconds(10);
    }

    private static TimeSpan? AsDelay(double value, DateTimeOffset now) => value switch
    {
        < 0 => null,
        < 1e6 => Clamp(TimeSpan.FromSeconds(value)),
        > 1e9 => Clamp(DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000)) - now),
        _ => null,
    };

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : delay;

    private static int? Int(HttpResponseMessage response, string header) => Number(response, header) is { } n ? (int)n : null;

    private static double? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) &&
        double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
