using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Planning;

/// <summary>
/// Fetches interviewers' iCalendar feeds (http/https only, 5 s, at most 2 MB) and keeps each for a few minutes so a
/// burst of suggestions does not refetch it. The cache is bounded: at most <see cref="CacheBytes"/> of feed text, each
/// entry for <see cref="CacheFor"/>, least recently used first out.
/// </summary>
public sealed class IcsFeedReader(IHttpClientFactory http, TimeProvider time, ILogger<IcsFeedReader> logger) : IDisposable
{
    public const string HttpClientName = "ics-feeds";
    public const long CacheBytes = 64L * 1024 * 1024;
    private const int MaxBytes = 2 * 1024 * 1024;
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheBytes });

    public void Dispose() => _cache.Dispose();

    public async Task<(string? Ics, string? Problem)> ReadAsync(string url, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(url, out (DateTimeOffset At, string? Ics, string? Problem) cached) && time.GetUtcNow() - cached.At < CacheFor)
            return (cached.Ics, cached.Problem);
        (string? Ics, string? Problem) result;
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                result = (null, $"The calendar feed answered {(int)response.StatusCode}.");
            else if (response.Content.Headers.ContentLength > MaxBytes)
                result = (null, "The calendar feed is larger than 2 MB.");
            else
                result = (await ReadCappedAsync(response, cancellationToken), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidDataException)
        {
            logger.LogInformation("Calendar feed {Url} could not be read: {Error}", new Uri(url).GetLeftPart(UriPartial.Path), ex.Message);
            result = (null, $"The calendar feed could not be read: {ex.Message}");
        }

        _cache.Set(url, (time.GetUtcNow(), result.Ics, result.Problem), new MemoryCacheEntryOptions
        {
            Size = 1024 + 2L * (result.Ics?.Length ?? 0) + 2L * url.Length,
            AbsoluteExpirationRelativeToNow = CacheFor,
        });
        return result;
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new InvalidDataException("The calendar feed is larger than 2 MB.");
            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
