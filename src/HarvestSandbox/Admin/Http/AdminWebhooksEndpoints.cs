using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Webhooks;

namespace GemScheduling.HarvestSandbox.Admin.Http;

/// <summary>The org's Greenhouse webhook over HTTP: configure, fault, observe, send.</summary>
internal static class AdminWebhooksEndpoints
{
    public static void MapAdminWebhooks(this AdminRoutes routes)
    {
        routes.Put("/orgs/{orgId}/webhook", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.WebhookRequest);
            if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                return FieldError("url", "url must be an absolute http(s) URL.");
            }

            if (string.IsNullOrEmpty(request.Secret))
            {
                return FieldError("secret", "secret is required.");
            }

            var retry = request.Retry switch
            {
                null or "greenhouse" => SandboxWebhookRetryPolicy.Greenhouse,
                "fast" => SandboxWebhookRetryPolicy.Fast,
                _ => null,
            };
            if (retry is null)
            {
                return FieldError("retry", "retry must be \"greenhouse\" or \"fast\".");
            }

            var org = call.Org();
            org.ConfigureWebhook(url, request.Secret, retry);
            return AdminCall.Json(WebhookView.From(org), AdminJsonContext.Default.WebhookView);
        });
        routes.Get("/orgs/{orgId}/webhook", call =>
        {
            var org = call.Org();
            _ = org.WebhookInfo() ?? throw new SandboxNotFoundException($"Organization {org.Id} has no webhook configured.");
            return Task.FromResult(AdminCall.Json(WebhookView.From(org), AdminJsonContext.Default.WebhookView));
        });
        routes.Delete("/orgs/{orgId}/webhook", call => AdminPeopleEndpoints.Done(() => call.Org().RemoveWebhook()));

        routes.Put("/orgs/{orgId}/webhook/faults", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.WebhookFaultsView);
            var faults = request.ToFaults();
            try
            {
                call.Org().SetWebhookFaults(faults);
            }
            catch (ArgumentOutOfRangeException e) when (e.ParamName is { } name)
            {
                return FieldError(WebhookFaultsView.FieldName(name), e.Message);
            }

            return AdminCall.Json(WebhookFaultsView.From(faults), AdminJsonContext.Default.WebhookFaultsView);
        });
        routes.Get("/orgs/{orgId}/webhook/deliveries", call => Task.FromResult(AdminCall.Json(
            call.Org().WebhookDeliveries(), AdminJsonContext.Default.IReadOnlyListSandboxWebhookDelivery)));
        routes.Post("/orgs/{orgId}/webhook/events", async call =>
        {
            var request = await call.Body(AdminJsonContext.Default.WebhookEventRequest);
            if (string.IsNullOrWhiteSpace(request.Action))
            {
                return FieldError("action", "action is required.");
            }

            var eventId = call.Org().SendWebhook(request.Action, request.Payload ?? []);
            return AdminCall.Json(new WebhookEventAccepted(eventId, request.Action), AdminJsonContext.Default.WebhookEventAccepted, StatusCodes.Status202Accepted);
        });
    }

    private static IResult FieldError(string field, string message) =>
        AdminCall.Json(new FieldErrorResponse(message, field), AdminJsonContext.Default.FieldErrorResponse, StatusCodes.Status400BadRequest);
}

/// <summary><c>PUT .../webhook</c>: <c>retry</c> is <c>greenhouse</c> (default) or <c>fast</c>.</summary>
public sealed record WebhookRequest(string? Url, string? Secret, string? Retry);

/// <summary>The hook as GET shows it: never the secret; durations in milliseconds.</summary>
public sealed record WebhookView(
    string Url, int WebHookId, string Retry, IReadOnlyList<double> RetryDelaysMs, double AttemptTimeoutMs, bool Enabled,
    string? DisabledReason, int Pending, WebhookFaultsView Faults, IReadOnlyDictionary<string, SandboxWebhookCounts> Counters)
{
    public static WebhookView From(SandboxOrganization org)
    {
        var info = org.WebhookInfo() ?? throw new SandboxNotFoundException($"Organization {org.Id} has no webhook configured.");
        var retry = ReferenceEquals(info.Retry, SandboxWebhookRetryPolicy.Greenhouse) ? "greenhouse"
            : ReferenceEquals(info.Retry, SandboxWebhookRetryPolicy.Fast) ? "fast"
            : "custom";
        return new WebhookView(info.Url.ToString(), info.WebHookId, retry, [.. info.Retry.Delays.Select(d => d.TotalMilliseconds)],
            info.Retry.AttemptTimeout.TotalMilliseconds, info.Enabled, info.DisabledReason, info.Pending,
            WebhookFaultsView.From(org.WebhookFaults), info.Counters);
    }
}

/// <summary>Fault rates (0–1) over HTTP; omitted rates are 0.</summary>
public sealed record WebhookFaultsView(double? Duplicate, double? OutOfOrder, double? BadSignature, double? Delay, double? DelayByMs)
{
    public static WebhookFaultsView From(SandboxWebhookFaults f) =>
        new(f.Duplicate, f.OutOfOrder, f.BadSignature, f.Delay, f.DelayBy.TotalMilliseconds);

    public SandboxWebhookFaults ToFaults() =>
        new(Duplicate ?? 0, OutOfOrder ?? 0, BadSignature ?? 0, Delay ?? 0, TimeSpan.FromMilliseconds(DelayByMs ?? 0));

    /// <summary>The JSON name of a <see cref="SandboxWebhookFaults"/> member.</summary>
    public static string FieldName(string member) => member switch
    {
        nameof(SandboxWebhookFaults.OutOfOrder) => "out_of_order",
        nameof(SandboxWebhookFaults.BadSignature) => "bad_signature",
        nameof(SandboxWebhookFaults.DelayBy) => "delay_by_ms",
        _ => member.ToLowerInvariant(),
    };
}

public sealed record WebhookEventRequest(string? Action, JsonObject? Payload);

public sealed record WebhookEventAccepted(string EventId, string Action);

/// <summary>A 400 that names the offending field.</summary>
public sealed record FieldErrorResponse(string Message, string Field);
