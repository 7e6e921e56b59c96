using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GemScheduling.HarvestSandbox.Faults;
using GemScheduling.HarvestSandbox.HarvestV3;
using GemScheduling.HarvestSandbox.RateLimiting;

namespace GemScheduling.HarvestSandbox.OAuth;

/// <summary>
/// <c>POST /auth/token</c>: the OAuth 2.0 Client Credentials grant (docs/HARVEST-CONTRACT.md §11; the real endpoint is
/// https://auth.greenhouse.io/token). HTTP Basic <c>client_id:client_secret</c>, form body
/// <c>grant_type=client_credentials&amp;sub=&lt;user id&gt;</c> (<c>sub</c> optional: then the org's Integration Service User).
/// Checks, in order: known client id (401 <c>invalid_client</c>; not counted), the client's 60 s token window (429),
/// "before" faults (endpoint id <c>auth.token</c>), secret and revocation (401 <c>invalid_client</c>), form content
/// type (400 <c>invalid_request</c>), grant_type (400 <c>invalid_request</c>/<c>unsupported_grant_type</c>), sub
/// (400 <c>invalid_request</c> for a non-numeric, unknown or deactivated user).
/// </summary>
internal sealed class TokenEndpoint(SandboxState state, IHostApplicationLifetime lifetime)
{
    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var now = state.Time.GetUtcNow();
        var (clientId, secret) = ReadBasic(http.Request.Headers.Authorization);
        var credential = clientId is null ? null : state.V3Auth.FindClient(clientId);
        var outcome = new Outcome();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var result = await DecideAsync(http, credential, secret, now, outcome, cancel.Token);
            if (result is null)
            {
                outcome.Dropped = true;
                http.Abort();
            }
            else
            {
                await result.ExecuteAsync(http);
            }
        }
        catch (OperationCanceledException e) when (cancel.IsCancellationRequested || e is ClientGoneException)
        {
            outcome.Dropped = true;
            http.Abort();
        }
        finally
        {
            credential?.Organization.Calls.Record(
                new CallRecord(0, now, http.Request.Method, http.Request.Path + http.Request.QueryString, credential.ClientId,
                    HarvestV3Scopes.TokenEndpoint.Id, outcome.Dropped ? 0 : http.Response.StatusCode, outcome.Fault, null,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds)
                {
                    ClientId = credential.ClientId,
                    Sub = outcome.Sub,
                },
                outcome.RateLimited,
                outcome.Fault is not null);
        }
    }

    private async Task<IResult?> DecideAsync(
        HttpContext http, V3CredentialEntry? credential, string? secret, DateTimeOffset now, Outcome outcome, CancellationToken cancel)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (credential is null)
        {
            return InvalidClient(http, V3TokenErrorStyle.Rfc6749);
        }

        var org = credential.Organization;
        var options = org.V3Options;
        var window = org.V3TokenRateLimiter.Count(credential.ClientId, options.TokenRateLimit, now);
        if (window.Exceeded)
        {
            outcome.RateLimited = true;
            return V3Results.TooManyRequests(http, window, now);
        }

        V3Results.WriteRateLimitHeaders(http, window);
        var plan = org.Faults.Before(HarvestV3Scopes.TokenEndpoint, http.Request.Method, http.Request.Path, credential.ClientId);
        outcome.Fault = plan.Description;
        if (plan.Latency > TimeSpan.Zero)
        {
            await Task.Delay(plan.Latency, cancel);
        }

        switch (plan.Terminal?.Kind)
        {
            case null:
                break;
            case FaultKind.RateLimit429:
                outcome.RateLimited = true;
                return V3Results.TooManyRequests(http, window.Enabled ? window with { Remaining = 0 } : window, now);
            case FaultKind.Timeout:
                await Task.Delay(plan.Terminal.EffectiveHold, cancel);
                return V3Results.Message(504, "Gateway Timeout");
            case FaultKind.Drop:
                return null;
            default:
                return FaultResponses.Answer(plan.Terminal, cancel);
        }

        var style = options.TokenErrorStyle;
        if (secret is null || !credential.Accepts(secret, now))
        {
            return InvalidClient(http, style);
        }

        if (!http.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", "The body must be form-encoded (Content-Type: application/x-www-form-urlencoded)", style, credential.ClientId);
        }

        var form = await http.Request.ReadFormAsync(cancel);
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return Error(400, "invalid_request", "grant_type is required", style, credential.ClientId);
        }

        if (grantType != "client_credentials")
        {
            return Error(400, "unsupported_grant_type", $"Unsupported grant_type '{grantType}': use client_credentials", style, credential.ClientId);
        }

        long sub;
        var subText = form["sub"].ToString().Trim();
        if (subText.Length == 0)
        {
            sub = org.IntegrationServiceUserId ?? throw new InvalidOperationException("The org has no Integration Service User.");
        }
        else
        {
            if (!long.TryParse(subText, NumberStyles.None, CultureInfo.InvariantCulture, out sub))
            {
                return Error(400, "invalid_request", $"sub must be a numeric Greenhouse user id, got '{subText}'", style, credential.ClientId);
            }

            outcome.Sub = sub;
            bool active;
            lock (org.Data.Gate)
            {
                active = org.Data.Users.Find(sub) is { Disabled: false };
            }

            if (!active)
            {
                return Error(400, "invalid_request", $"Unknown or deactivated user: sub={sub}", style, credential.ClientId);
            }
        }

        outcome.Sub = sub;
        var token = org.IssueV3Token(credential, sub, SandboxOrganization.TruncateToMilliseconds(now));
        return Json(200, w =>
        {
            w.WriteString("access_token", token.AccessToken);
            w.WriteString("token_type", "Bearer");
            var seconds = (long)Math.Ceiling((token.ExpiresAt - token.IssuedAt).TotalSeconds);
            switch (options.TokenExpiryField)
            {
                case V3TokenExpiryField.ExpiresIn:
                    w.WriteNumber("expires_in", seconds);
                    break;
                case V3TokenExpiryField.Expires:
                    w.WriteNumber("expires", seconds);
                    break;
                case V3TokenExpiryField.ExpiresAt:
                    w.WriteString("expires_at", Harvest.Json.HarvestTimestampConverter.ToWire(token.ExpiresAt));
                    break;
                case V3TokenExpiryField.ExpiresAtEpoch:
                    w.WriteNumber("expires_at", (long)Math.Ceiling(token.ExpiresAt.ToUnixTimeMilliseconds() / 1000.0));
                    break;
            }
        });
    }

    private static IResult InvalidClient(HttpContext http, V3TokenErrorStyle style)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Greenhouse\"";
        return Error(401, "invalid_client", "Client authentication failed", style, clientId: null);
    }

    /// <summary>RFC 6749 §5.2 <c>{"error","error_description"}</c>, or the message form <c>{"message","errorId"}</c> whose 400s echo the client id (S9).</summary>
    private static IResult Error(int status, string code, string description, V3TokenErrorStyle style, string? clientId) =>
        Json(status, w =>
        {
            if (style == V3TokenErrorStyle.Message)
            {
                w.WriteString("message", status == 400 && clientId is not null ? $"{description} (client_id: {clientId})" : description);
                w.WriteString("errorId", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            }
            else
            {
                w.WriteString("error", code);
                w.WriteString("error_description", description);
            }
        });

    private static IResult Json(int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8, status);
    }

    /// <summary><c>Authorization: Basic base64(client_id ":" client_secret)</c>, each form-urlencoded (RFC 6749 §2.3.1).</summary>
    private static (string? ClientId, string? Secret) ReadBasic(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            if (colon <= 0)
            {
                return (null, null);
            }

            static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
            return (Unescape(decoded[..colon]), Unescape(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private sealed class Outcome
    {
        public bool RateLimited { get; set; }
        public bool Dropped { get; set; }
        public string? Fault { get; set; }
        public long? Sub { get; set; }
    }
}
