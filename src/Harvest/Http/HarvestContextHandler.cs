namespace GemScheduling.Harvest.Http;

/// <summary>The outermost handler of one org's client: stamps the connection and lane on every request it sends.</summary>
internal sealed class HarvestContextHandler(HarvestConnection connection, HarvestLane readLane) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(HarvestRequestOptions.Connection, connection);
        request.Options.Set(HarvestRequestOptions.Lane, request.IsWrite() ? HarvestLane.Write : readLane);
        return base.SendAsync(request, cancellationToken);
    }
}
