using System.Net.Http.Headers;
using System.Text;

namespace GemScheduling.Harvest.Http;

/// <summary>
/// HTTP Basic with the key as user name and an empty password. Refuses to send a write without On-Behalf-Of:
/// Greenhouse requires it on every write, and a write attributed to nobody is a bug, not a request.
/// </summary>
internal sealed class HarvestAuthHandler : DelegatingHandler
{
    public const string OnBehalfOf = "On-Behalf-Of";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var connection = request.GetConnection();
        if (!GreenhouseHostPolicy.SameOrigin(request.RequestUri!, connection.BaseUrl))
            throw new HarvestApiException(HarvestErrorKind.HostNotAllowed, null,
                $"Not sent to {request.RequestUri!.Host}: the connection's key is only ever sent to {connection.BaseUrl.GetLeftPart(UriPartial.Authority)}.");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(connection.ApiKey + ":")));
        if (request.IsWrite())
        {
            if (!request.Headers.TryGetValues(OnBehalfOf, out var values) || !long.TryParse(values.FirstOrDefault(), out _))
                throw new InvalidOperationException($"{request.Method} {request.RequestUri?.AbsolutePath} needs a numeric On-Behalf-Of user id.");
            var content = request.Content;
            var empty = content is null || content.Headers.ContentLength == 0;
            if (!empty && content!.Headers.ContentType?.MediaType != "application/json")
                throw new InvalidOperationException("Harvest writes must carry a JSON body (form-encoded bodies get a bare 400).");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
