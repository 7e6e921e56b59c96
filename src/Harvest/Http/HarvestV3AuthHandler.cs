using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using GemScheduling.Harvest.OAuth;
using GemScheduling.Harvest.RateBudget;

namespace GemScheduling.Harvest.Http;

/// <summary>
/// Harvest v3 auth: a Bearer token minted for the request's acting user (reads: the connection's reader, by default the
/// org's Integration Service User; writes: the user named by <see cref="ActingUser"/>, which never leaves the process).
/// A 401 means the token was not accepted (expired early, revoked, secret rotated): the token is replaced and the
/// request sent once more. The resend takes no second slot of the rate budget: the refused request and its resend are
/// one call in GemScheduling's accounting (Greenhouse's headers on the resend correct the budget if it counted both).
/// </summary>
internal sealed class HarvestV3AuthHandler(OAuthTokenClient tokens) : DelegatingHandler
{
    /// <summary>Internal header naming the Greenhouse user a write acts as; removed before the request is sent.</summary>
    public const string ActingUser = "X-GemScheduling-Acting-User";

    private static readonly HttpRequestOptionsKey<long> ActingUserOption = new("harvest.v3.acting-user");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var connection = request.GetConnection();
        var oauth = connection.OAuth ?? throw new InvalidOperationException("A Harvest v3 request needs OAuth client credentials.");
        var sub = TakeActingUser(request);
        if (request.IsWrite() && sub is null)
            throw new InvalidOperationException($"{request.Method} {request.RequestUri?.AbsolutePath} needs the Greenhouse user it acts as.");
        if (request.IsWrite() && request.Content is { Headers.ContentType.MediaType: not "application/json" })
            throw new InvalidOperationException("Harvest writes must carry a JSON body.");

        if (!GreenhouseHostPolicy.SameOrigin(request.RequestUri!, connection.BaseUrl))
            throw new HarvestApiException(HarvestErrorKind.HostNotAllowed, null,
                $"Not sent to {request.RequestUri!.Host}: the connection's token is only ever sent to {connection.BaseUrl.GetLeftPart(UriPartial.Authority)}.");
        sub ??= connection.ReaderUserId;
        var token = await tokens.GetAsync(connection.OrgId, oauth, sub, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;

        tokens.Reject(connection.OrgId, oauth, sub, token);
        var fresh = await tokens.GetAsync(connection.OrgId, oauth, sub, cancellationToken);
        if (fresh.Value == token.Value)
            return response;
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh.Value);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Moves the acting user from the internal header to the request's options (retries may send it again).</summary>
    private static long? TakeActingUser(HttpRequestMessage request)
    {
        if (request.Headers.TryGetValues(ActingUser, out var values))
        {
            request.Headers.Remove(ActingUser);
            if (!long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new InvalidOperationException("The acting user of a Harvest v3 request must be a numeric Greenhouse user id.");
            request.Options.Set(ActingUserOption, id);
            return id;
        }

        return request.Options.TryGetValue(ActingUserOption, out var stored) ? stored : null;
    }
}
