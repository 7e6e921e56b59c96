using System.Net.Http.Json;
using System.Text;
using GemScheduling.Api.Webhooks;
using GemScheduling.HarvestSandbox.Webhooks;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Webhooks;

namespace GemScheduling.Tests.Webhooks;

/// <summary>
/// A connected org over a real socket with its Greenhouse webhook configured, and the sandbox delivering its UI
/// changes to it (fast retries), as an admin would set it up in Dev Center.
/// </summary>
public class WebhookApi : ConnectedApi
{
    public const string Secret = "whsec-test-0123456789-abcdefghijklmnopqrstuvwxyz";

    protected override bool OverKestrel => true;

    /// <summary>A client with no token: deliveries carry only their signature.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public string DeliveryPath => $"{GreenhouseWebhooksApi.DeliveryPath}/{OrgId}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Anonymous = Api.ClientWith(null);
        var configured = await Client.PutAsJsonAsync(Path("greenhouse/webhook"), new { secret = Secret });
        configured.EnsureSuccessStatusCode();
        Greenhouse.ConfigureWebhook(new Uri(Anonymous.BaseAddress!, DeliveryPath), Secret, SandboxWebhookRetryPolicy.Fast);
        await Greenhouse.WebhooksSettledAsync(TimeSpan.FromSeconds(30)); // the ping
    }

    public Task<WebhookSetup?> HookAsync() => Client.GetFromJsonAsync<WebhookSetup>(Path("greenhouse/webhook"), Json.Options);

    /// <summary>Posts a body as Greenhouse would: signed with <paramref name="secret"/> over exactly these bytes.</summary>
    public Task<HttpResponseMessage> DeliverAsync(string body, string? eventId = null, string? secret = Secret, string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, DeliveryPath) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Greenhouse-Event-ID", eventId ?? Guid.NewGuid().ToString());
        if (signature is not null || secret is not null)
            request.Headers.TryAddWithoutValidation("Signature", signature ?? WebhookSignature.Sign(secret!, bytes));
        return Anonymous.SendAsync(request);
    }

    /// <summary>Polls until every recorded delivery is processed.</summary>
    public async Task<WebhookSetup> ProcessedAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var hook = (await HookAsync())!;
            if (hook.Hook.Pending == 0)
                return hook;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{hook.Hook.Pending} deliveries still pending; last processing error: {hook.Hook.LastProcessingError}");
            await Task.Delay(50);
        }
    }
}

/// <summary>The same on PostgreSQL: what jsonb refuses, memory does not always.</summary>
public sealed class WebhookApiOnPostgres : WebhookApi
{
    protected override bool OnPostgres => true;
}

/// <summary>The same org connected through Harvest v3: the payloads are the same, the targeted reads are v3's.</summary>
public sealed class WebhookApiV3 : WebhookApi
{
    public override string ApiVersion => "v3";
}

internal static class Json
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
