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
public class HarvestClient<TApi>(TApi api, HttpClient http, HarvestClientOptions? options = null)
{
    private readonly int _maxRecordsPerPage = options?.MaxRecordsPerPage ?? 1000;
    private readonly int _maxPages = options?.MaxPagesPerListing ?? 20_000;

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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (page.Next is not null)
        {
            // A listing that links back to a page already read, or never ends, is not followed further.
            if (!seen.Add(page.Next.AbsoluteUri) || seen.Count >= _maxPages)
                throw new HarvestApiException(HarvestErrorKind.InvalidResponse, null, seen.Count >= _maxPages
                    ? $"Greenhouse kept sending next links past {_maxPages} pages; GemScheduling stopped following them."
                    : "Greenhouse sent a next link to a page it had already served; GemScheduling stopped following them.");
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
        // Paging links come from Greenhouse's answer: follow them only where the connection itself points.
        if (http.BaseAddress is { } origin && !(url.IsAbsoluteUri && Http.GreenhouseHostPolicy.SameOrigin(url, origin)))
            throw ForeignLink(url, origin);
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
                throw HarvestErrors.FromResponse(response, await ReadErrorBodyAsync(response, cancellationToken));
            List<T> items;
            try
            {
                items = await response.Content.ReadFromJsonAsync<List<T>>(HarvestJson.Options, cancellationToken) ?? [];
            }
            catch (JsonException ex)
            {
                throw Unreadable(response.StatusCode, ex);
            }

            var links = LinkHeader.Parse(response.Headers.TryGetValues("Link", out var values) ? values : []);
            return Checked(new HarvestPage<T>(items, links.GetValueOrDefault("next"), links.GetValueOrDefault("last")));
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
            var error = HarvestErrors.FromResponse(response, await ReadErrorBodyAsync(response, cancellationToken));
            return (response.StatusCode, error.GreenhouseMessage);
        }
        catch (Exception ex) when (Transport(ex, cancellationToken) is { } error)
        {
            throw error;
        }
    }

    private HarvestPage<T> ToPage<T>(IApiResponse<List<T>> response)
    {
        var links = LinkHeader.Parse(response.Headers is { } headers && headers.TryGetValues("Link", out var values) ? values : []);
        return Checked(new HarvestPage<T>(response.Content ?? [], links.GetValueOrDefault("next"), links.GetValueOrDefault("last")));
    }

    /// <summary>
    /// A page is believed only within Harvest's own limits: at most 500 records asked for (so a few more at most), and
    /// paging links on the connection's own origin; a listing that points elsewhere is not used at all.
    /// </summary>
    private HarvestPage<T> Checked<T>(HarvestPage<T> page)
    {
        if (page.Items.Count > _maxRecordsPerPage)
            throw new HarvestApiException(HarvestErrorKind.InvalidResponse, null,
                $"Greenhouse sent {page.Items.Count} records on one page; Harvest pages hold at most 500, so GemScheduling does not use it.");
        foreach (var link in new[] { page.Next, page.Last })
            if (link is not null && http.BaseAddress is { } origin && !Http.GreenhouseHostPolicy.SameOrigin(link, origin))
                throw ForeignLink(link, origin);
        return page;
    }

    private static HarvestApiException ForeignLink(Uri link, Uri origin) => new(HarvestErrorKind.InvalidResponse, null,
        $"Greenhouse sent a paging link to {(link.IsAbsoluteUri ? link.Host : "a relative URL")}; GemScheduling follows paging links only on {origin.GetLeftPart(UriPartial.Authority)}.");

    /// <summary>Error bodies are only ever shown in part, so at most 64 KB of one is read.</summary>
    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[64 * 1024];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
                read += n;
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or HarvestApiException)
        {
            return "";
        }
    }

    private static HarvestApiException Unreadable(HttpStatusCode status, Exception inner) =>
        inner as HarvestApiException ?? new HarvestApiException(HarvestErrorKind.InvalidResponse, status,
            "Greenhouse answered with a body GemScheduling could not read as JSON of the expected shape.", inner: inner);

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
            throw Unreadable(status, Innermost(response.Error) ?? new InvalidOperationException("no content"));
        using var message = new HttpResponseMessage(status) { RequestMessage = response.RequestMessage ?? api?.RequestMessage };
        foreach (var header in response.Headers ?? api?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        throw HarvestErrors.FromResponse(message, api?.Content);
    }

    private static Exception? Innermost(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is HarvestApiException or JsonException)
                return e;
        return error;
    }

    private static HarvestApiException? Transport(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        HarvestApiException typed => typed,
        BrokenCircuitException => new HarvestApiException(HarvestErrorKind.CircuitOpen, null,
            "Greenhouse has been failing for this org; calls are paused for a short while.", retryAfter: TimeSpan.FromSeconds(15), inner: ex),
        TimeoutRejectedException or TaskCanceledException or TimeoutException => new HarvestApiException(HarvestErrorKind.Timeout, null,
            "Greenhouse did not answer in time.", inner: ex),
        HttpRequestException { InnerException: Boundaries.AddressNotAllowedException refused } => new HarvestApiException(HarvestErrorKind.HostNotAllowed, null,
            refused.Message, inner: ex),
        HttpRequestException { InnerException: HarvestApiException typed } => typed,
        HttpRequestException => new HarvestApiException(HarvestErrorKind.Transport, null,
            "The connection to Greenhouse failed.", inner: ex),
        IOException { InnerException: HarvestApiException typed } => typed,
        _ => null,
    };
}
