using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GemScheduling.HarvestSandbox.Faults;
using GemScheduling.HarvestSandbox.Hosting;
using GemScheduling.HarvestSandbox.RateLimiting;
using GemScheduling.HarvestSandbox.Store;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>
/// Runs every Harvest request through the same checks, in this order (GemScheduling probes write permissions
/// with requests that must be refused before anything is stored):
/// 1 rate limit (counted first) and "before" faults; 2 Basic auth; 3 GET with a body; 4 key permission;
/// 5 writes: On-Behalf-Of, JSON body; then the handler does 6 path 404s, 7 body 422s and 8 the write,
/// after which commit-then-fail faults may replace the response.
/// </summary>
internal sealed class HarvestEndpointRunner(SandboxState state, SandboxServerInfo server, IHostApplicationLifetime lifetime)
{
    /// <summary>X-RateLimit-Limit advertised to callers whose key the sandbox does not know.</summary>
    private const int UnknownKeyAdvertisedLimit = 50;

    public RequestDelegate Create(HarvestPermission permission, HarvestHandler handler) =>
        context => RunAsync(context, permission, handler);

    private async Task RunAsync(HttpContext http, HarvestPermission permission, HarvestHandler handler)
    {
        var started = Stopwatch.GetTimestamp();
        var now = state.Time.GetUtcNow();
        var key = BasicAuth.ReadKey(http.Request.Headers.Authorization) is { } keyText ? state.FindKey(keyText) : null;
        var outcome = new Outcome();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var result = await DecideAsync(http, permission, handler, key, now, outcome, cancel.Token);
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
            key?.Organization.Calls.Record(
                new CallRecord(0, now, http.Request.Method, http.Request.Path + http.Request.QueryString, key.Id, permission.Id,
                    outcome.Dropped ? 0 : http.Response.StatusCode, outcome.Fault, outcome.OnBehalfOf,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds)
                {
                    RetryAfterUntil = outcome.Dropped ? null : CallRecord.RetryAfterOf(http.Response, now),
                },
                outcome.RateLimited,
                outcome.Fault is not null);
        }
    }

    /// <returns>The response, or null to drop the connection.</returns>
    private async Task<IResult?> DecideAsync(
        HttpContext http, HarvestPermission permission, HarvestHandler handler, ApiKeyEntry? key, DateTimeOffset now,
        Outcome outcome, CancellationToken cancel)
    {
        var request = http.Request;
        var method = request.Method;
        if (key is null)
        {
            http.Response.Headers["X-RateLimit-Limit"] = UnknownKeyAdvertisedLimit.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-RateLimit-Remaining"] = UnknownKeyAdvertisedLimit.ToString(CultureInfo.InvariantCulture);
            return HarvestResults.Unauthorized();
        }

        var org = key.Organization;

        // 1. Rate limit: the request counts against the key's window before anything else happens.
        var settings = org.RateLimitSettings;
        var window = org.RateLimiter.Count(key.Id, settings.Limit, now);
        if (window.Exceeded)
        {
            outcome.RateLimited = true;
            return RateLimitResponse.TooManyRequests(http, window, settings.Style, now);
        }

        RateLimitResponse.WriteHeaders(http, window);

        var plan = org.Faults.Before(permission, method, request.Path, key.Id);
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
                return RateLimitResponse.TooManyRequests(http, window.Enabled ? window with { Remaining = 0 } : window, settings.Style, now);
            case FaultKind.Timeout:
                await Task.Delay(plan.Terminal.EffectiveHold, cancel);
                return HarvestResults.Message(504, "Gateway Timeout");
            case FaultKind.Drop:
                return null;
            default:
                return FaultResponses.Answer(plan.Terminal, cancel);
        }

        // 2. Auth.
        if (key.Revoked)
        {
            return HarvestResults.Unauthorized();
        }

        // 3. A GET carrying a body is refused (documented since 2025-08-13, docs/HARVEST-CONTRACT.md §5).
        if (HttpMethods.IsGet(method) && HasBody(http))
        {
            return HarvestResults.Forbidden("GET requests must not include a request body");
        }

        // 4. Per-endpoint key permission.
        if (!key.Permissions.Contains(permission.Id))
        {
            return HarvestResults.Forbidden($"This API key does not have permission to access this endpoint. Missing permission: {permission.DisplayName}");
        }

        // 5. Writes: On-Behalf-Of, then a JSON body.
        long? onBehalfOf = null;
        JsonDocument? document = null;
        try
        {
            if (permission.IsWrite)
            {
                var refusal = CheckOnBehalfOf(http, org, permission, outcome);
                if (refusal is not null)
                {
                    return refusal;
                }

                onBehalfOf = outcome.OnBehalfOf;
                if (method is "POST" or "PATCH" or "PUT")
                {
                    if (!IsJson(request.ContentType))
                    {
                        return HarvestResults.BadRequest();
                    }

                    try
                    {
                        document = await JsonDocument.ParseAsync(request.Body, default, cancel);
                    }
                    catch (JsonException)
                    {
                        return HarvestResults.BadRequest();
                    }

                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        return HarvestResults.BadRequest();
                    }
                }
            }

            // 6–8 in the handler.
            var call = new HarvestCall
            {
                Http = http,
                Organization = org,
                Permission = permission,
                Now = SandboxOrganization.TruncateToMilliseconds(now),
                PublicBase = server.PublicBase,
                KeyId = key.Id,
                OnBehalfOfUserId = onBehalfOf,
                Body = document?.RootElement ?? default,
            };
            var result = handler(call);
            outcome.AddFault(call.PageFaults);

            if (permission.IsWrite && HarvestResults.IsSuccess(result) &&
                org.Faults.AfterCommit(permission, method, request.Path, key.Id) is { } commitFault)
            {
                outcome.AddFault(FaultRule.KindName(commitFault));
                return commitFault == FaultKind.CommitThenFail ? HarvestResults.Message(500, "Internal Server Error") : null;
            }

            return result;
        }
        finally
        {
            document?.Dispose();
        }
    }

    private static IResult? CheckOnBehalfOf(HttpContext http, SandboxOrganization org, HarvestPermission permission, Outcome outcome)
    {
        var header = http.Request.Headers["On-Behalf-Of"];
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header[^1]))
        {
            return HarvestResults.BadRequest("Missing On-Behalf-Of header: writes require the id of the Greenhouse user they are made for");
        }

        if (!long.TryParse(header[^1]!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            return HarvestResults.BadRequest("Invalid On-Behalf-Of header: it must be a numeric Greenhouse user id");
        }

        outcome.OnBehalfOf = userId;
        bool exists, canManage;
        lock (org.Data.Gate)
        {
            var user = org.Data.Users.Find(userId);
            exists = user is { Disabled: false };
            canManage = user?.CanManageApplications ?? false;
        }

        if (!exists)
        {
            return HarvestResults.NotFound();
        }

        var schedulingWrite = permission == HarvestPermissions.ScheduledInterviewsCreate ||
            permission == HarvestPermissions.ScheduledInterviewsUpdate ||
            permission == HarvestPermissions.ScheduledInterviewsDelete;
        if (schedulingWrite && !canManage)
        {
            return HarvestResults.Forbidden($"User {userId} does not have permission to manage this application");
        }

        return null;
    }

    private static bool HasBody(HttpContext http)
    {
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { } detection)
        {
            return detection.CanHaveBody;
        }

        return http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0;
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
        public long? OnBehalfOf { get; set; }

        public void AddFault(string? names)
        {
            if (names is not null)
            {
                Fault = Fault is null ? names : $"{Fault},{names}";
            }
        }
    }
}
