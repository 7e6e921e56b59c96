using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GemScheduling.Harvest.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace GemScheduling.Harvest.V1;

/// <summary>
/// One org's Harvest v1/v2 client. Every call either returns Greenhouse's answer or throws a
/// <see cref="HarvestApiException"/>; lists are read page by page following the Link header exactly as given.
/// </summary>
public sealed class HarvestV1Client(IHarvestV1Api api, HttpClient http)
{
    public IHarvestV1Api Api => api;

    /// <summary>Runs one call and maps every failure to a typed error.</summary>
    public async Task<T> CallAsync<T>(Func<IHarvestV1Api, Task<IApiResponse<T>>> call, CancellationToken cancellationToken = default)
    {
        var response = await Send(() => call(api), cancellationToken);
        return response.Content!;
    }

    /// <summary>Pages of a list, from the first request to the page without a next link.</summary>
    public async IAsyncEnumerable<HarvestPage<T>> PagesAsync<T>(
        Func<IHarvestV1Api, Task<IApiResponse<List<T>>>> firstPage, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = ToPage(await Send(() => firstPage(api), cancellationToken));
        yield return page;
        while (page.Next is not null)
        {
            page = await PageAsync<T>(page.Next, cancellationToken);
            yield return page;
        }
    }

    /// <summary>Every item of a list, page after page.</summary>
    public async IAsyncEnumerable<T> ItemsAsync<T>(
        Func<IHarvestV1Api, Task<IApiResponse<List<T>>>> firstPage, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(firstPage, cancellationToken))
            foreach (var item in page.Items)
                yield return item;
    }

    /// <summary>One page by its URL — a Link URL as given, or one made by <see cref="LinkHeader.WithPage"/> for fan-out.</summary>
    public async Task<HarvestPage<T>> PageAsync<T>(Uri url, CancellationToken cancellationToken = default)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, cancellationToken);
        }
        catch (Exception ex) when (Transport(ex, cancellationToken) is { } error)
        {
            throw error;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw HarvestErrors.FromResponse(response, await response.Content.ReadAsStringAsync(cancellationToken));
            var items = await response.Content.ReadFromJsonAsync<List<T>>(HarvestJson.Options, cancellationToken) ?? [];
            var links = LinkHeader.Parse(response.Headers.TryGetValues("Link", out var values) ? values : []);
            return new HarvestPage<T>(items, links.GetValueOrDefault("next"), links.GetValueOrDefault("last"));
        }
    }

    /// <summary>
    /// Sends a request exactly as given and returns the status Greenhouse answered with (transport failures throw).
    /// Used by the permission check, whose probes are meant to be refused.
    /// </summary>
    public async Task<HttpStatusCode> ProbeAsync(HttpMethod method, string path, string? jsonBody, string? onBehalfOf, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
            request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        if (onBehalfOf is not null)
            request.Headers.TryAddWithoutValidation(HarvestAuthHandler.OnBehalfOf, onBehalfOf);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.StatusCode;
        }
        catch (Exception ex) when (Transport(ex, cancellationToken) is { } error)
        {
            throw error;
        }
    }

    private static HarvestPage<T> ToPage<T>(IApiResponse<List<T>> response)
    {
        var links = LinkHeader.Parse(response.Headers is { } headers && headers.TryGetValues("Link", out var values) ? values : []);
        return new HarvestPage<T>(response.Content ?? [], links.GetValueOrDefault("next"), links.GetValueOrDefault("last"));
    }

    private static async Task<TResponse> Send<TResponse>(Func<Task<TResponse>> send, CancellationToken cancellationToken)
        where TResponse : IApiResponse
    {
        TResponse response;
        try
        {
            response = await send();
        }
        catch (Exception ex) when (Transport(ex, cancellationToken) is { } error)
        {
            throw error;
        }

        if (response.IsSuccessful)
            return response;
        if (!response.IsReceived || response.Error is ApiRequestException)
        {
            var cause = response.Error?.InnerException ?? response.Error;
            throw (cause is null ? null : Transport(cause, cancellationToken))
                  ?? new HarvestApiException(HarvestErrorKind.Transport, null, "The request to Greenhouse failed before an answer arrived.", inner: cause);
        }

        var api = response.Error as ApiException;
        var status = response.StatusCode ?? api?.StatusCode ?? HttpStatusCode.InternalServerError;
        if ((int)status is >= 200 and < 300)
            throw new HarvestApiException(HarvestErrorKind.ServerError, status, "Greenhouse answered with a body that could not be read.", inner: response.Error);
        using var message = new HttpResponseMessage(status) { RequestMessage = response.RequestMessage ?? api?.RequestMessage };
        foreach (var header in response.Headers ?? api?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        throw HarvestErrors.FromResponse(message, api?.Content);
    }

    private static HarvestApiException? Transport(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        BrokenCircuitException => new HarvestApiException(HarvestErrorKind.CircuitOpen, null,
            "Greenhouse has been failing for this org; calls are paused for a short while.", inner: ex),
        TimeoutRejectedException or TaskCanceledException or TimeoutException => new HarvestApiException(HarvestErrorKind.Transport, null,
            "Greenhouse did not answer in time.", inner: ex),
        HttpRequestException => new HarvestApiException(HarvestErrorKind.Transport, null,
            "The connection to Greenhouse failed.", inner: ex),
        _ => null,
    };
}

internal static class HarvestErrors
{
    public static HarvestApiException FromResponse(HttpResponseMessage response, string? body)
    {
        var (message, fields) = ParseBody(body);
        var status = response.StatusCode;
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
        var permission = request?.RequestUri is { } uri ? HarvestPermissions.ForRequest(request.Method.Method, uri.AbsolutePath) : null;
        var retryAfter = status == HttpStatusCode.TooManyRequests ? RateLimitHeaders.RetryDelay(response, DateTimeOffset.UtcNow) : (TimeSpan?)null;
        return new HarvestApiException(kind, status, message ?? response.ReasonPhrase ?? status.ToString(), fields, retryAfter,
            permission?.Endpoint ?? (request is null ? null : $"{request.Method} {request.RequestUri?.AbsolutePath}"));
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
