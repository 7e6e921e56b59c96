using System.Diagnostics;
using System.Text.Json;
using GemScheduling.HarvestSandbox.Faults;
using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Hosting;
using GemScheduling.HarvestSandbox.OAuth;
using GemScheduling.HarvestSandbox.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// Runs every Harvest v3 request through the same checks, in this order:
/// 1 bearer token signature (401; nothing counted, the client is unknown); 2 rate limit per client id, 30 s windows
/// (429), then "before" faults; 3 token expired or revoked, client revoked (401); 4 scope (403); 5 the token's user
/// deactivated (403), or for interview writes not allowed to manage applications (403), or for lists not a Site Admin
/// when that is a 403 (<see cref="V3NonSiteAdminLists.Forbidden"/>); 6 writes: JSON object body (400); lists: a cursor
/// must be the only parameter and valid, otherwise every parameter must be documented for the endpoint (422); then
/// the handler does 404s, 422s and the work, after which commit faults may replace the response.
/// </summary>
internal sealed class HarvestV3EndpointRunner(SandboxState state, SandboxServerInfo server, IHostApplicationLifetime lifetime)
{
    /// <param name="parameters">For a list: every query parameter it documents (common ones included).</param>
    public RequestDelegate Create(HarvestPermission scope, V3Handler handler, V3ListParameters? parameters = null) =>
        context => RunAsync(context, scope, handler, parameters);

    private async Task RunAsync(HttpContext http, HarvestPermission scope, V3Handler handler, V3ListParameters? parameters)
    {
        var started = Stopwatch.GetTimestamp();
        var now = state.Time.GetUtcNow();
        var token = state.V3Auth.Authenticate(http.Request.Headers.Authorization, now, out var failure);
        var outcome = new Outcome();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var result = await DecideAsync(http, scope, handler, parameters, token, failure, now, outcome, cancel.Token);
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
            if (token is not null)
            {
                var clientId = token.Credential.ClientId;
                token.Organization.Calls.Record(
                    new CallRecord(0, now, http.Request.Method, http.Request.Path + http.Request.QueryString, clientId, scope.Id,
                        outcome.Dropped ? 0 : http.Response.StatusCode, outcome.Fault, null,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds)
                    {
                        ClientId = clientId,
                        Sub = token.Sub,
                        RetryAfterUntil = outcome.Dropped ? null : CallRecord.RetryAfterOf(http.Response, now),
                    },
                    outcome.RateLimited,
                    outcome.Fault is not null);
            }
        }
    }

    /// <returns>The response, or null to drop the connection.</returns>
    private async Task<IResult?> DecideAsync(
        HttpContext http, HarvestPermission scope, V3Handler handler, V3ListParameters? parameters, V3TokenEntry? token, string failure,
        DateTimeOffset now, Outcome outcome, CancellationToken cancel)
    {
        var request = http.Request;
        var method = request.Method;

        // 1. A token this sandbox signed and issued.
        if (token is null)
        {
            V3Results.WriteRateLimitHeaders(http, UnknownClientWindow(now));
            return V3Results.Unauthorized(http, failure);
        }

        var org = token.Organization;
        var clientId = token.Credential.ClientId;
        var options = org.V3Options;

        // 2. Rate limit per client id (counted before anything else), then "before" faults.
        var window = org.V3RateLimiter.Count(clientId, options.RateLimit, now);
        if (window.Exceeded)
        {
            outcome.RateLimited = true;
            return V3Results.TooManyRequests(http, window, now);
        }

        V3Results.WriteRateLimitHeaders(http, window);
        var plan = org.Faults.Before(scope, method, request.Path, clientId);
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

        // 3. Expiry and revocation.
        if (now >= token.ExpiresAt)
        {
            return V3Results.Unauthorized(http, "Access token expired");
        }

        if (org.IsV3TokenRevoked(token) || token.Credential.Revoked)
        {
            return V3Results.Unauthorized(http, "Access token revoked");
        }

        // 4. Scope.
        if (!token.Scopes.Contains(scope.Id))
        {
            return V3Results.Forbidden($"The access token does not have the scope {scope.Id} required by this endpoint");
        }

        // 5. The acting user.
        bool active, siteAdmin, canManage;
        lock (org.Data.Gate)
        {
            var user = org.Data.Users.Find(token.Sub);
            active = user is { Disabled: false };
            siteAdmin = user?.SiteAdmin ?? false;
            canManage = user?.CanManageApplications ?? false;
        }

        if (!active)
        {
            return V3Results.Forbidden($"User {token.Sub} (the token's sub) is deactivated");
        }

        if (scope.IsWrite && scope.Id.StartsWith("harvest:interviews:", StringComparison.Ordinal) && !canManage)
        {
            return V3Results.Forbidden($"User {token.Sub} (the token's sub) does not have permission to manage this application");
        }

        var listsHidden = !scope.IsWrite && options.ListsRequireSiteAdmin && !siteAdmin;
        if (listsHidden && options.NonSiteAdminLists == V3NonSiteAdminLists.Forbidden)
        {
            return V3Results.Forbidden($"User {token.Sub} (the token's sub) is not a Site Admin: Harvest v3 list endpoints require a Site Admin");
        }

        // 6. Body or list parameters.
        JsonDocument? document = null;
        try
        {
            V3Cursor? cursor = null;
            var query = new V3Query(request.Query);
            if (method is "POST" or "PATCH")
            {
                if (!IsJson(request.ContentType))
                {
                    return V3Results.Message(StatusCodes.Status400BadRequest, "Bad Request: send a JSON object with Content-Type: application/json");
                }

                try
                {
                    document = await JsonDocument.ParseAsync(request.Body, default, cancel);
                }
                catch (JsonException)
                {
                    return V3Results.Message(StatusCodes.Status400BadRequest, "Bad Request: the body is not valid JSON");
                }

                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return V3Results.Message(StatusCodes.Status400BadRequest, "Bad Request: the body must be a JSON object");
                }
            }
            else if (HttpMethods.IsGet(method) && request.Query.ContainsKey("cursor"))
            {
                // docs/HARVEST-CONTRACT.md §11: a cursor must be the only query parameter.
                if (request.Query.Count > 1 || request.Query["cursor"].Count > 1)
                {
                    return V3Results.Unprocessable("cursor must be the only query parameter: follow the rel=\"next\" Link exactly as given", "cursor");
                }

                cursor = V3Cursor.Decode(state.V3Auth, request.Query["cursor"].ToString());
                if (cursor is null || cursor.OrganizationId != org.Id || cursor.Path != (request.PathBase + request.Path).Value)
                {
                    return V3Results.Unprocessable("Invalid cursor", "cursor");
                }

                query = new V3Query(new QueryCollection(QueryHelpers.ParseQuery(cursor.RawQuery)));
            }
            else if (parameters?.Unknown(request.Query) is { Count: > 0 } unknown)
            {
                return V3Results.UnknownParameters(unknown);
            }

            var call = new V3Call
            {
                Http = http,
                Organization = org,
                Scope = scope,
                Token = token,
                Auth = state.V3Auth,
                Now = SandboxOrganization.TruncateToMilliseconds(now),
                PublicBase = server.PublicBase,
                Query = query,
                Cursor = cursor,
                ListsHidden = listsHidden,
                Body = document?.RootElement ?? default,
            };
            var result = handler(call);
            outcome.AddFault(call.PageFaults);

            if (scope.IsWrite && HarvestResults.IsSuccess(result) &&
                org.Faults.AfterCommit(scope, method, request.Path, clientId) is { } commitFault)
            {
                outcome.AddFault(FaultRule.KindName(commitFault));
                return commitFault == FaultKind.CommitThenFail ? V3Results.Message(500, "Internal Server Error") : null;
            }

            return result;
        }
        finally
        {
            document?.Dispose();
        }
    }

    /// <summary>What a caller the sandbox cannot identify is told: the default limit, untouched, this 30 s window.</summary>
    internal static RateLimitDecision UnknownClientWindow(DateTimeOffset now)
    {
        var window = TimeSpan.FromSeconds(30).TotalMilliseconds;
        var resetAt = DateTimeOffset.FromUnixTimeMilliseconds((long)((Math.Floor(now.ToUnixTimeMilliseconds() / window) + 1) * window));
        return new RateLimitDecision(true, HarvestV3Options.DefaultRateLimit, HarvestV3Options.DefaultRateLimit, false, resetAt);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);

    private sealed class Outcome
    {
        public bool RateLimited { get; set; }
        public bool Dropped { get; set; }
        public string? Fault { get; set; }

        public void AddFault(string? names)
        {
            if (names is not null)
            {
                Fault = Fault is null ? names : $"{Fault},{names}";
            }
        }
    }
}

/// <summary>The /v3 route group plus the runner that wraps every handler in the v3 checks.</summary>
internal sealed record V3Routes(RouteGroupBuilder Group, HarvestV3EndpointRunner Runner);

internal static class V3RouteExtensions
{
    public static IEndpointConventionBuilder MapV3(this V3Routes routes, HarvestPermission scope, string pattern, V3Handler handler) =>
        Map(routes, scope, pattern, routes.Runner.Create(scope, handler));

    /// <summary>A list that accepts the common parameters and exactly the given documented <paramref name="filters"/>.</summary>
    public static IEndpointConventionBuilder MapV3List(this V3Routes routes, HarvestPermission scope, V3Handler handler, params string[] filters) =>
        Map(routes, scope, scope.PathTemplate["/v3".Length..], routes.Runner.Create(scope, handler, new V3ListParameters(filters)));

    private static IEndpointConventionBuilder Map(V3Routes routes, HarvestPermission scope, string pattern, RequestDelegate run) =>
        routes.Group.MapMethods(pattern, [scope.Method], run)
            .WithMetadata(scope)
            .WithDisplayName($"{scope.Method} {scope.PathTemplate} ({scope.Id})");
}
