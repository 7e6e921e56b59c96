using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Harvest.OAuth;

/// <summary>
/// Harvest v3 tokens by the OAuth 2.0 Client Credentials grant (docs/HARVEST-CONTRACT.md §11): HTTP Basic client id and secret, form
/// body <c>grant_type=client_credentials&amp;sub=&lt;user id&gt;</c>. One token per (org, client, secret, acting user) is
/// cached and shared by every caller in the process; it is replaced before it expires, or at once when Harvest answers
/// 401 to it. Token requests have their own rate window at Greenhouse (60 s), so they go through their own HTTP client
/// and their own budget (<see cref="HarvestConnection.TokenBudgetKeyFor"/>), never the API window's.
/// </summary>
public sealed class OAuthTokenClient(IHttpClientFactory httpClients, RateBudget.IHarvestRateGate gate, TimeProvider time, ILogger<OAuthTokenClient> logger)
{
    public const string HttpClientName = "harvest-oauth";

    /// <summary>docs/HARVEST-CONTRACT.md §11: when the response names no lifetime, assume one hour.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<TokenKey, Lazy<Task<OAuthAccessToken>>> _tokens = new();

    /// <param name="sub">The Greenhouse user the token acts as; null for the org's Integration Service User.</param>
    public async Task<OAuthAccessToken> GetAsync(string orgId, OAuthClientCredentials credentials, long? sub, CancellationToken cancellationToken)
    {
        var key = TokenKey.For(orgId, credentials, sub);
        while (true)
        {
            var pending = _tokens.GetOrAdd(key, _ => new Lazy<Task<OAuthAccessToken>>(() => RequestAsync(orgId, credentials, sub)));
            OAuthAccessToken token;
            try
            {
                // The request itself is shared, so one caller giving up does not cancel it for the others.
                token = await pending.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _tokens.TryRemove(KeyValuePair.Create(key, pending));
                throw;
            }

            if (time.GetUtcNow() < token.RefreshAt)
                return token;
            _tokens.TryRemove(KeyValuePair.Create(key, pending));
        }
    }

    /// <summary>Harvest refused this token (401): forget it, unless another caller already replaced it.</summary>
    public void Reject(string orgId, OAuthClientCredentials credentials, long? sub, OAuthAccessToken rejected)
    {
        var key = TokenKey.For(orgId, credentials, sub);
        if (_tokens.TryGetValue(key, out var pending) && pending.IsValueCreated && pending.Value.IsCompletedSuccessfully &&
            ReferenceEquals(pending.Value.Result, rejected))
            _tokens.TryRemove(KeyValuePair.Create(key, pending));
    }

    private async Task<OAuthAccessToken> RequestAsync(string orgId, OAuthClientCredentials credentials, long? sub)
    {
        var budget = HarvestConnection.TokenBudgetKeyFor(orgId);
        await gate.WaitForTurnAsync(budget, HarvestLane.Write, null, CancellationToken.None);
        var http = httpClients.CreateClient(HttpClientName);
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (sub is { } user)
            form["sub"] = user.ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, credentials.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        // RFC 6749 §2.3.1: both halves form-urlencoded before they are joined.
        var basic = $"{Uri.EscapeDataString(credentials.ClientId)}:{Uri.EscapeDataString(credentials.ClientSecret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException ex) when (ex.InnerException is Boundaries.AddressNotAllowedException refused)
        {
            throw new HarvestApiException(HarvestErrorKind.HostNotAllowed, null, refused.Message, endpoint: Endpoint, inner: ex);
        }
        catch (Exception ex) when (ex is TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new HarvestApiException(HarvestErrorKind.Timeout, null, "The Greenhouse token endpoint did not answer in time.", endpoint: Endpoint, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new HarvestApiException(HarvestErrorKind.Transport, null, "The Greenhouse token endpoint did not answer.", endpoint: Endpoint, inner: ex);
        }

        using (response)
        {
            if (Http.RateLimitHeaders.Read(response, time.GetUtcNow()) is { } observation)
                gate.Observe(budget, observation);
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException ex) when (ex.InnerException is HarvestApiException capped)
            {
                throw capped;
            }

            if (!response.IsSuccessStatusCode)
                throw Failure(response, body, credentials);
            var now = time.GetUtcNow();
            var token = Parse(body, now) ?? throw new HarvestApiException(HarvestErrorKind.InvalidResponse, response.StatusCode,
                "The Greenhouse token endpoint answered without an access_token.", endpoint: Endpoint);
            logger.LogDebug("Got a Harvest v3 token for client {ClientId} (sub {Sub}) until {ExpiresAt}", credentials.ClientId, sub, token.ExpiresAt);
            return token;
        }
    }

    private const string Endpoint = "POST /token";

    /// <summary>Reads the lifetime from <c>expires_in</c>, <c>expires</c> (seconds) or <c>expires_at</c> (epoch or ISO-8601).</summary>
    internal static OAuthAccessToken? Parse(string body, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using var _ = document;
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var accessToken) ||
            accessToken.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(accessToken.GetString()))
            return null;

        DateTimeOffset? expiresAt = null;
        if (Number(root, "expires_in") is { } expiresIn)
            expiresAt = now + TimeSpan.FromSeconds(expiresIn);
        else if (Number(root, "expires") is { } expires)
            expiresAt = expires > 1e9 ? Epoch(expires) : now + TimeSpan.FromSeconds(expires);
        else if (Number(root, "expires_at") is { } epoch)
            expiresAt = Epoch(epoch);
        else if (root.TryGetProperty("expires_at", out var at) && at.ValueKind == JsonValueKind.String &&
                 DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            expiresAt = parsed;

        if (expiresAt is null || expiresAt <= now)
            expiresAt = now + DefaultLifetime;
        return new OAuthAccessToken(accessToken.GetString()!, now, expiresAt.Value);

        static DateTimeOffset Epoch(double value) =>
            value > 1e12 ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000));
    }

    private static double? Number(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
        : null;

    /// <summary>RFC 6749 <c>{"error","error_description"}</c> or <c>{"message","errorId"}</c>; the secret never appears.</summary>
    private static HarvestApiException Failure(HttpResponseMessage response, string body, OAuthClientCredentials credentials)
    {
        string? code = null, description = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = Text(root, "error");
                description = Text(root, "error_description") ?? Text(root, "message");
            }
        }
        catch (JsonException)
        {
            description = body.Length > 200 ? body[..200] : body;
        }

        var said = string.Join(": ", new[] { code, description }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (said.Length == 0)
            said = response.ReasonPhrase ?? response.StatusCode.ToString();
        said = said.Replace(credentials.ClientSecret, "****", StringComparison.Ordinal);
        var status = response.StatusCode;
        var kind = (int)status switch
        {
            >= 300 and < 400 => HarvestErrorKind.InvalidResponse,
            401 => HarvestErrorKind.Unauthorized,
            403 => HarvestErrorKind.Forbidden,
            429 => HarvestErrorKind.RateLimited,
            >= 500 => HarvestErrorKind.ServerError,
            400 when code is "invalid_client" or "unauthorized_client" => HarvestErrorKind.Unauthorized,
            _ => HarvestErrorKind.Validation,
        };
        var retryAfter = status == HttpStatusCode.TooManyRequests ? Http.RateLimitHeaders.RetryDelay(response, DateTimeOffset.UtcNow) : (TimeSpan?)null;
        return new HarvestApiException(kind, status, $"Getting a Harvest v3 access token failed: {said}", retryAfter: retryAfter, endpoint: Endpoint);

        static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    /// <summary>A rotated secret makes a new key, so tokens of the old secret are never reused for the new one.</summary>
    private readonly record struct TokenKey(string OrgId, string ClientId, string SecretFingerprint, string TokenUrl, long? Sub)
    {
        public static TokenKey For(string orgId, OAuthClientCredentials c, long? sub) =>
            new(orgId, c.ClientId, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(c.ClientSecret)))[..16], c.TokenUrl.AbsoluteUri, sub);
    }
}
