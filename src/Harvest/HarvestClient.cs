using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GemScheduling.Harvest.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace GemScheduling.Harvest;

/// <summary>
/// One org's Harvest client over a Refit interface (v1/v2 or v3). Every call either returns Greenhouse's answer or
/// throws a <see cref="HarvestApiException"/>; lists are read page by page following the Link header exactly as given.
/// </summary>
public class HarvestClient<TApi>(TApi api, HttpClient http)
{
    public TApi Api => api;

    /// <summary>The header that names the acting user of a write (v1: On-Behalf-Of; v3: which user's token to use).</summary>
    protected virtual string ActingUserHeader => HarvestAuthHandler.OnBehalfOf;

    /// <summary>Runs one call and maps every failure to a typed error.</summary>
    public async Task<T> CallAsync<T>(Func<TApi, Task<IApiResponse<T>>> call, CancellationToken cancellationToken = default)
    {
        var response = await Send(() => call(api), cancellationToken);
        return response.Content!;
    }

    /// <summary>Pages of a list, from the first request to the page without a next link.</summary>
    public async IAsyncEnumerable<HarvestPage<T>> PagesAsync<T>(
        Func<TApi, Task<IApiResponse<List<T>>>> firstPage, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
        Func<TApi, Task<IApiResponse<List<T>>>> firstPage, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
    public async Task<HttpStatusCode> ProbeAsync(HttpMethod method, string path, string? jsonBody, string? onBehalfOf, CancellationToken cancellationToken = default) =>
        (await ProbeWithMessageAsync(method, path, jsonBody, onBehalfOf, cancellationToken)).Status;

    /// <summary>As <see cref="ProbeAsync"/>, with what Greenhouse said when it refused.</summary>
    public async Task<(HttpStatusCode Status, string? Message)> ProbeWithMessageAsync(
        HttpMethod method, string path, string? jsonBody, string? onBehalfOf, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody is not null)
            request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        if (onBehalfOf is not null)
            request.Headers.TryAddWithoutValidation(ActingUserHeader, onBehalfOf);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
                return (response.StatusCode, null);
            var error = HarvestErrors.FromResponse(response, await response.Content.ReadAsStringAsync(cancellationToken));
            return (response.StatusCode, error.GreenhouseMessage);
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
            if (cause is HarvestApiException typed)
                throw typed;
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
