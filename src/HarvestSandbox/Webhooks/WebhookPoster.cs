using System.Net.Http.Headers;
using System.Text;

namespace GemScheduling.HarvestSandbox.Webhooks;

internal readonly record struct WebhookPostResult(int? Status, string? Error, DateTimeOffset SentAt);

/// <summary>Sends one signed delivery attempt to a hook's URL and says what came back.</summary>
internal sealed class WebhookPoster : IDisposable
{
    private const string UserAgent = "Greenhouse-Webhooks-Sandbox";

    private readonly Uri _endpoint;
    private readonly byte[] _key;
    private readonly byte[] _forgedKey;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public WebhookPoster(Uri endpoint, string secret, TimeSpan timeout, TimeProvider time)
    {
        _endpoint = endpoint;
        _key = Encoding.UTF8.GetBytes(secret);
        _forgedKey = Encoding.UTF8.GetBytes("not-the-secret:" + secret);
        _timeout = timeout;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// Posts the event's bytes, signed with the secret or (<paramref name="forged"/>) a wrong key. Only cancellation by
    /// <paramref name="stop"/> throws; a timeout or a connection failure comes back as <see cref="WebhookPostResult.Error"/>.
    /// </summary>
    public async Task<WebhookPostResult> PostAsync(WebhookEvent e, bool forged, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(e.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Greenhouse-Event-ID", e.Id);
        request.Headers.TryAddWithoutValidation("Signature", WebhookEnvelope.Signature(forged ? _forgedKey : _key, e.Body));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        var sentAt = _time.GetUtcNow();
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            // Only the status matters: the body is never read, so a slow or huge body cannot hold the sender.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return new WebhookPostResult((int)response.StatusCode, null, sentAt);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return new WebhookPostResult(null, $"Timed out after {_timeout.TotalMilliseconds} ms", sentAt);
        }
        catch (HttpRequestException ex) when (!stop.IsCancellationRequested)
        {
            return new WebhookPostResult(null, $"{ex.HttpRequestError}: {ex.Message}", sentAt);
        }
    }

    public void Dispose() => _http.Dispose();
}
