using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;
using GemScheduling.HarvestSandbox.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GemScheduling.HarvestSandbox.Tests.Webhooks;

/// <summary>One request the receiver got: the raw body bytes, the headers, and the status it answered.</summary>
public sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers, int AnsweredWith, DateTimeOffset At)
{
    public string? EventId => Headers.GetValueOrDefault("Greenhouse-Event-ID");

    public string? Signature => Headers.GetValueOrDefault("Signature");

    public string Text => Encoding.UTF8.GetString(Body);

    public JsonNode Json => JsonNode.Parse(Body)!;

    public string Action => Json["action"]!.GetValue<string>();

    public JsonNode Payload => Json["payload"]!;

    /// <summary>Verifies as a receiver must: HMAC-SHA256 of the raw bytes, never of a re-serialization.</summary>
    public bool SignedWith(string secret) =>
        Signature == "sha256 " + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body));
}

/// <summary>
/// A real HTTP endpoint (Kestrel on a free port) that records every webhook delivery and answers a scripted status;
/// once the script runs out it answers like a careful receiver: 200 when the signature verifies, 401 otherwise.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Secret = "whsec_sandbox-test-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<(int Status, TimeSpan Stall)> _script = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>How to answer once the script is used up; default: verify the signature.</summary>
    public Func<ReceivedWebhook, int> Answer { get; set; } = r => r.SignedWith(Secret) ? 200 : 401;

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    /// <summary>Everything but pings.</summary>
    public IReadOnlyList<ReceivedWebhook> Events => Received.Where(r => r.Action != "ping").ToArray();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/greenhouse/webhooks", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.First() + "/greenhouse/webhooks");
        return receiver;
    }

    /// <summary>The next requests get these statuses, in order, each after an optional stall.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue((status, TimeSpan.Zero));
        }
    }

    public void StallNext(TimeSpan stall, int status = 200) => _script.Enqueue((status, stall));

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected {count} deliveries, got {_received.Count}: {string.Join(", ", Received.Select(r => r.Action))}");
            await Task.Delay(20);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var draft = new ReceivedWebhook(buffer.ToArray(), headers, 0, DateTimeOffset.UtcNow);
        var (status, stall) = _script.TryDequeue(out var scripted) ? scripted : (Answer(draft), TimeSpan.Zero);
        _received.Enqueue(draft with { AnsweredWith = status });
        if (stall > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(stall, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = status;
    }
}

/// <summary>A fresh demo org whose webhook points at a fresh receiver, ping already answered.</summary>
public sealed class HookedOrg : IAsyncDisposable
{
    private HookedOrg(TestOrg org, WebhookReceiver receiver)
    {
        Test = org;
        Receiver = receiver;
    }

    public TestOrg Test { get; }

    public SandboxOrganization Org => Test.Org;

    public WebhookReceiver Receiver { get; }

    public static async Task<HookedOrg> CreateAsync(SandboxWebhookRetryPolicy? retry = null, OrganizationOptions? options = null)
    {
        var org = await SharedSandbox.CreateOrgAsync(options);
        var receiver = await WebhookReceiver.StartAsync();
        org.Org.ConfigureWebhook(receiver.Url, WebhookReceiver.Secret, retry ?? SandboxWebhookRetryPolicy.Fast);
        await org.Org.WebhooksSettledAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("ping", Assert.Single(receiver.Received).Action);
        return new HookedOrg(org, receiver);
    }

    public Task SettledAsync() => Org.WebhooksSettledAsync(TimeSpan.FromSeconds(15));

    public async ValueTask DisposeAsync()
    {
        Org.RemoveWebhook();
        await Receiver.DisposeAsync();
    }
}
