using System.Net;
using System.Text.Json;
using GemScheduling.Harvest.Http;

namespace GemScheduling.Harvest;

internal static class HarvestErrors
{
    public static HarvestApiException FromResponse(HttpResponseMessage response, string? body)
    {
        var (message, fields) = ParseBody(body);
        var status = response.StatusCode;
        if ((int)status is >= 300 and < 400)
            return new HarvestApiException(HarvestErrorKind.InvalidResponse, status,
                $"Greenhouse answered with a redirect{(response.Headers.Location is { } to ? $" to {(to.IsAbsoluteUri ? to.Host : "a relative URL")}" : "")}; GemScheduling does not follow redirects.");
        var kind = (int)status switch
        {
            401 => HarvestErrorKind.Unauthorized,
            403 => HarvestErrorKind.Forbidden,
            404 => HarvestErrorKind.NotFound,
            400 or 422 => HarvestErrorKind.Validation,
            429 => HarvestErrorKind.RateLimited,
            >= 500 => HarvestErrorKind.ServerError,
            _ => HarvestErrorKind.Validation,
        };
        var request = response.RequestMessage;
        var permission = request?.RequestUri is { } uri ? HarvestPermissions.ForRequest(request.Method.Method, uri.AbsolutePath) ?? HarvestV3Scopes.ForRequest(request.Method.Method, uri.AbsolutePath) : null;
        var retryAfter = status == HttpStatusCode.TooManyRequests ? RateLimitHeaders.RetryDelay(response, DateTimeOffset.UtcNow) : (TimeSpan?)null;
        return new HarvestApiException(kind, status, Shown(message ?? response.ReasonPhrase ?? status.ToString()), fields.Take(20).Select(f => f with { Message = Shown(f.Message) }).ToList(), retryAfter,
            permission?.Endpoint ?? (request is null ? null : $"{request.Method} {request.RequestUri?.AbsolutePath}"));
    }

    /// <summary>What Greenhouse said, as GemScheduling passes it on: at most 500 characters, no control characters.</summary>
    internal static string Shown(string text)
    {
        var clean = new string(text.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(500).ToArray());
        return clean.Length < text.Length ? clean + "…" : clean;
    }

    /// <summary><c>{"message": ..., "errors": [{"message", "field"}]}</c>; message is optional (older 422s had none).</summary>
    private static (string? Message, IReadOnlyList<HarvestFieldError> Fields) ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, []);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, []);
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var fields = new List<HarvestFieldError>();
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    fields.Add(new HarvestFieldError(
                        error.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null,
                        error.TryGetProperty("message", out var em) && em.ValueKind == JsonValueKind.String ? em.GetString()! : "invalid"));
                }
            }

            message ??= fields.Count > 0 ? string.Join("; ", fields.Select(e => e.Field is null ? e.Message : $"{e.Field}: {e.Message}")) : null;
            return (message, fields);
        }
        catch (JsonException)
        {
            return (body.Length > 300 ? body[..300] : body, []);
        }
    }
}
