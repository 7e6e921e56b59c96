using System.Globalization;
using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.RateLimiting;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>The v3 422 body (assumed shape): <c>{"errors":[{"message":...,"field":...}]}</c>.</summary>
public sealed record V3ErrorsBody(IReadOnlyList<FieldError> Errors);

/// <summary>The 422 for query parameters a list does not document: <c>{"message":"Validation error","errors":[...]}</c>.</summary>
public sealed record V3ValidationErrorBody(string Message, IReadOnlyList<FieldError> Errors);

/// <summary>
/// v3 error bodies (assumed, docs/HARVEST-CONTRACT.md §11 documents none): 422 is <c>{"errors":[{"message","field"}]}</c>;
/// every other error is <c>{"message": ...}</c> like v1.
/// </summary>
internal static class V3Results
{
    public static IResult Message(int status, string message) => HarvestResults.Message(status, message);

    public static IResult Unauthorized(HttpContext http, string message)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Message(StatusCodes.Status401Unauthorized, message);
    }

    public static IResult Forbidden(string message) => Message(StatusCodes.Status403Forbidden, message);

    public static IResult NotFound() => HarvestResults.NotFound();

    public static IResult Validation(IReadOnlyList<FieldError> errors) =>
        TypedResults.Json(new V3ErrorsBody(errors), HarvestV3Json.V3ErrorsBody, statusCode: StatusCodes.Status422UnprocessableEntity);

    public static IResult Unprocessable(string message, string field) => Validation([new FieldError(message, field)]);

    /// <summary>One error per parameter the list does not document, each naming it.</summary>
    public static IResult UnknownParameters(IEnumerable<string> names) =>
        TypedResults.Json(new V3ValidationErrorBody("Validation error", names.Select(n => new FieldError("Unknown query parameter", n)).ToArray()),
            HarvestV3Json.V3ValidationErrorBody, statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary><c>X-RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c> (epoch seconds) on every v3 response (docs/HARVEST-CONTRACT.md §4).</summary>
    public static void WriteRateLimitHeaders(HttpContext http, RateLimitDecision window)
    {
        if (!window.Enabled)
        {
            return;
        }

        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = window.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = ResetEpoch(window).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>429 <c>{"message":"Rate limit exceeded"}</c> with the X-RateLimit-* headers and <c>Retry-After</c> in seconds.</summary>
    public static IResult TooManyRequests(HttpContext http, RateLimitDecision window, DateTimeOffset now)
    {
        WriteRateLimitHeaders(http, window);
        var seconds = Math.Max(1, (long)Math.Ceiling((window.ResetAt - now).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Message(StatusCodes.Status429TooManyRequests, "Rate limit exceeded");
    }

    private static long ResetEpoch(RateLimitDecision window) =>
        (long)Math.Ceiling(window.ResetAt.ToUnixTimeMilliseconds() / 1000.0);
}
