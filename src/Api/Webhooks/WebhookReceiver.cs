using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Webhooks;

/// <summary>
/// Receives a Greenhouse delivery: the raw body (capped, read before any parsing) and its two headers go to the org's
/// webhook grain, which holds the secret and verifies before anything else. The answer is 200 only once the delivery
/// is durable (or known), because Greenhouse retries anything else. A refused delivery is logged without its body.
/// </summary>
internal static class WebhookReceiver
{
    public const string SignatureHeader = "Signature";
    public const string EventIdHeader = "Greenhouse-Event-ID";

    public static async Task<Results<Ok<WebhookAcknowledgement>, ProblemHttpResult>> ReceiveAsync(
        string orgId, HttpContext http, KnownOrgs orgs, IGrainFactory grains, WebhookReceiverOptions options, FailoverRetryOptions failover, ILogger<WebhookDelivery> logger)
    {
        if (!await orgs.ExistsAsync(orgId))
            return NotConfigured(orgId);
        if (http.Request.ContentLength > options.MaxBodyBytes)
            return TooLarge(options);
        var body = await ReadCappedAsync(http.Request.Body, options.MaxBodyBytes, http.RequestAborted);
        if (body is null)
            return TooLarge(options);

        var delivery = new WebhookDelivery(body, http.Request.Headers[SignatureHeader].FirstOrDefault(), http.Request.Headers[EventIdHeader].FirstOrDefault());
        var receipt = await SiloFailover.RepeatAsync(() => grains.Grain<IGreenhouseWebhookGrain>(orgId).Receive(delivery), failover, logger,
            "webhook delivery", http.RequestAborted);
        switch (receipt.Outcome)
        {
            case WebhookOutcome.Accepted or WebhookOutcome.Duplicate or WebhookOutcome.Ignored:
                return TypedResults.Ok(new WebhookAcknowledgement(receipt.Outcome));
            case WebhookOutcome.NotConfigured:
                return NotConfigured(orgId);
            case WebhookOutcome.MissingSignature or WebhookOutcome.BadSignature:
                logger.LogWarning("Refused a webhook delivery for {OrgId}: {Outcome} ({Bytes} bytes from {Address})",
                    orgId, receipt.Outcome, body.Length, http.Connection.RemoteIpAddress);
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Signature not valid", type: Problems.TypeBase + "webhook-signature",
                    detail: $"The {SignatureHeader} header must be \"sha256 <hex HMAC-SHA256 of the raw body under the org's webhook secret>\"; this one "
                            + (receipt.Outcome == WebhookOutcome.MissingSignature ? "is missing." : "does not match the body."));
            default:
                return Invalid(EventIdHeader, $"Must be 1–{GreenhouseWebhookActions.MaxEventIdLength} printable characters, no spaces (or left out).");
        }
    }

    /// <summary>The body, or null once it passes the cap (a chunked body carries no Content-Length to refuse it by).</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult NotConfigured(string orgId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", type: Problems.TypeBase + "not-found",
            detail: $"No Greenhouse webhook is configured for org '{orgId}'.");

    private static ProblemHttpResult TooLarge(WebhookReceiverOptions options) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", type: Problems.TypeBase + "too-large",
            detail: $"A webhook body may be at most {options.MaxBodyBytes} bytes.");

    private static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest, Title = "The delivery is not valid.", Type = Problems.TypeBase + "validation",
        });
}

/// <summary><c>Webhooks:MaxBodyBytes</c>: the largest delivery accepted (Greenhouse's payloads are a few kilobytes).</summary>
public sealed record WebhookReceiverOptions(int MaxBodyBytes = 1024 * 1024);
