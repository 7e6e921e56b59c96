using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.Webhooks;

/// <summary>The secret Greenhouse signs deliveries with; leave it out and GemScheduling generates one (shown once).</summary>
public sealed record ConfigureWebhookBody(string? Secret)
{
    public override string ToString() => "ConfigureWebhookBody { *** }";
}

/// <summary>
/// What to paste into Greenhouse's Dev Center → Web Hooks: the endpoint URL, the secret (only in the answer that
/// generated it), and the events to tick; then the hook's health and delivery counters.
/// </summary>
public sealed record WebhookSetup(string EndpointUrl, IReadOnlyList<string> Events, string? GeneratedSecret, WebhookView Hook);

/// <summary>What a delivery came to: accepted (it will be applied), duplicate (applied before) or ignored (not an event GemScheduling acts on).</summary>
public sealed record WebhookAcknowledgement(WebhookOutcome Outcome);

internal static class GreenhouseWebhooksApi
{
    public const string DeliveryPath = "/api/v1/greenhouse-webhooks";

    public static IEndpointRouteBuilder MapGreenhouseWebhooks(this IEndpointRouteBuilder routes)
    {
        var hook = routes.MapOrgGroup("/greenhouse/webhook", "Greenhouse webhooks");
        hook.MapPut("", Configure).ForAdmins()
            .WithSummary("Store the webhook secret (at least 32 characters), or generate one; answers the endpoint URL and the events to tick in Greenhouse.");
        hook.MapGet("", Get).WithSummary("The endpoint URL, the events to tick, the hook's health and its delivery counters.");
        hook.MapDelete("", Remove).ForAdmins().WithSummary("Forget the secret: deliveries are refused and polling returns to its normal pace.");

        routes.MapPost(DeliveryPath + "/{orgId}", WebhookReceiver.ReceiveAsync).AllowAnonymous().WithTags("Greenhouse webhook deliveries (signed, no token)")
            .WithSummary("Where Greenhouse delivers webhooks: verified against the org's secret over the raw body, de-duplicated by Greenhouse-Event-ID, "
                         + "recorded, then acknowledged with 200; processing follows.")
            .Produces<WebhookAcknowledgement>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return routes;
    }

    private static async Task<Ok<WebhookSetup>> Configure(string orgId, ConfigureWebhookBody? body, IGrainFactory grains, PublicUrls urls, HttpContext http)
    {
        var issued = await grains.Grain<IGreenhouseWebhookGrain>(orgId).Configure(body?.Secret, http.User.Actor());
        return TypedResults.Ok(Setup(orgId, urls, issued.Hook, issued.GeneratedSecret));
    }

    private static async Task<Results<Ok<WebhookSetup>, ProblemHttpResult>> Get(string orgId, IGrainFactory grains, PublicUrls urls) =>
        await grains.Grain<IGreenhouseWebhookGrain>(orgId).Get() is { } hook
            ? TypedResults.Ok(Setup(orgId, urls, hook, null))
            : Problems.NotFound("Greenhouse webhook for org", orgId);

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(string orgId, IGrainFactory grains, HttpContext http) =>
        await grains.Grain<IGreenhouseWebhookGrain>(orgId).Remove(http.User.Actor())
            ? TypedResults.NoContent()
            : Problems.NotFound("Greenhouse webhook for org", orgId);

    private static WebhookSetup Setup(string orgId, PublicUrls urls, WebhookView hook, string? generated) =>
        new(urls.For($"{DeliveryPath}/{Uri.EscapeDataString(orgId)}"), GreenhouseWebhookActions.Handled, generated, hook);
}
