namespace GemScheduling.Harvest.Http;

/// <summary>
/// The last check before a request leaves for Greenhouse, and the first on what comes back: the URL must be one the
/// operator allows (<see cref="GreenhouseHostPolicy"/>), and no response body is read past the size cap.
/// </summary>
internal sealed class HarvestWireGuard(HarvestClientOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri ?? throw new InvalidOperationException("A Greenhouse request without a URL.");
        if (options.Hosts.Refusal(url) is { } refusal)
            throw new HarvestApiException(HarvestErrorKind.HostNotAllowed, null, $"Not sent to {url.Host}: {refusal}");

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentLength > options.MaxResponseBytes)
        {
            response.Dispose();
            throw CappedContent.TooLarge(options.MaxResponseBytes);
        }

        response.Content = new CappedContent(response.Content, options.MaxResponseBytes);
        return response;
    }
}
