using GemScheduling.Harvest.Http;
using GemScheduling.Harvest.V1;
using GemScheduling.Harvest.V3;
using Refit;

namespace GemScheduling.Harvest;

/// <summary>Makes one org's Harvest client over the shared, pooled handler pipeline (budget, resilience, auth).</summary>
public sealed class HarvestClientFactory(IHttpMessageHandlerFactory handlers, HarvestClientOptions options)
{
    public const string HttpClientName = "harvest";
    public const string V3HttpClientName = "harvest-v3";

    private static readonly RefitSettings Settings = new()
    {
        ContentSerializer = new SystemTextJsonContentSerializer(HarvestJson.Options),
        UrlParameterFormatter = new HarvestUrlParameterFormatter(),
    };

    /// <param name="readLane">The budget lane for this client's reads; writes always go in the write lane.</param>
    public HarvestV1Client CreateV1(HarvestConnection connection, HarvestLane readLane = HarvestLane.Interactive)
    {
        var http = Http(connection, readLane, HttpClientName);
        return new HarvestV1Client(RestService.For<IHarvestV1Api>(http, Settings), http, options);
    }

    public HarvestV3Client CreateV3(HarvestConnection connection, HarvestLane readLane = HarvestLane.Interactive)
    {
        if (connection.OAuth is null)
            throw new ArgumentException("A Harvest v3 client needs OAuth client credentials.", nameof(connection));
        var http = Http(connection, readLane, V3HttpClientName);
        return new HarvestV3Client(RestService.For<IHarvestV3Api>(http, Settings), http, options);
    }

    private HttpClient Http(HarvestConnection connection, HarvestLane readLane, string pipeline)
    {
        // The context handler is ours alone; the pooled pipeline under it must not be disposed with this client.
        var handler = new HarvestContextHandler(connection, readLane) { InnerHandler = handlers.CreateHandler(pipeline) };
        return new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = connection.BaseUrl,
            Timeout = Timeout.InfiniteTimeSpan, // the resilience pipeline owns timeouts
            MaxResponseContentBufferSize = options.MaxResponseBytes,
        };
    }
}

/// <summary>Booleans as Rails expects them (<c>true</c>, not <c>True</c>).</summary>
internal sealed class HarvestUrlParameterFormatter : DefaultUrlParameterFormatter
{
    public override string? Format(object? value, System.Reflection.ICustomAttributeProvider attributeProvider, Type type) =>
        value is bool b ? (b ? "true" : "false") : base.Format(value, attributeProvider, type);
}
