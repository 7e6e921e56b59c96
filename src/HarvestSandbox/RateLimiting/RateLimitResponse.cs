using System.Globalization;
using GemScheduling.HarvestSandbox.Harvest;

namespace GemScheduling.HarvestSandbox.RateLimiting;

internal static class RateLimitResponse
{
    public static void WriteHeaders(HttpContext http, RateLimitDecision window)
    {
        if (!window.Enabled)
        {
            return;
        }

        http.Response.Headers["X-RateLimit-Limit"] = window.Limit.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>429 <c>{"message":"Rate limit exceeded"}</c> with the headers of the org's documented era (docs/HARVEST-CONTRACT.md §4).</summary>
    public static IResult TooManyRequests(HttpContext http, RateLimitDecision window, RateLimitStyle style, DateTimeOffset now)
    {
        var headers = http.Response.Headers;
        var resetEpoch = (long)Math.Ceiling(window.ResetAt.ToUnixTimeMilliseconds() / 1000.0);
        var seconds = Math.Max(1, (long)Math.Ceiling((window.ResetAt - now).TotalSeconds));
        switch (style)
        {
            case RateLimitStyle.NoHeadersOn429:
                headers.Remove("X-RateLimit-Limit");
                headers.Remove("X-RateLimit-Remaining");
                headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                break;
            case RateLimitStyle.RetryAfterEpoch:
                WriteHeaders(http, window);
                headers["X-RateLimit-Reset"] = resetEpoch.ToString(CultureInfo.InvariantCulture);
                headers.RetryAfter = resetEpoch.ToString(CultureInfo.InvariantCulture);
                break;
            default:
                WriteHeaders(http, window);
                headers["X-RateLimit-Reset"] = resetEpoch.ToString(CultureInfo.InvariantCulture);
                headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                break;
        }

        return HarvestResults.Message(StatusCodes.Status429TooManyRequests, "Rate limit exceeded");
    }
}
