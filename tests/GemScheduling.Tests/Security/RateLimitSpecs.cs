using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GemScheduling.Orgs;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GemScheduling.Tests.Security;

/// <summary>
/// Anonymous and bad-token traffic is limited per client address before any lookup, authenticated traffic per token
/// and per org, the expensive routes more strictly; refusals are 429 problems with Retry-After, and one client's flood
/// does not slow other orgs down.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RateLimitSpecs : IAsyncLifetime
{
    private ApiFactory _api = null!;

    /// <summary>The shipped defaults, except the two per-caller limits lowered so a spec can reach them quickly.</summary>
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["RateLimits:AnonymousPerMinute"] = "120", ["RateLimits:PerTokenPerMinute"] = "40", ["RateLimits:PerOrgPerMinute"] = "60",
        ["RateLimits:ExpensivePerOrgPerMinute"] = "5",
    };

    public Task InitializeAsync()
    {
        _api = new ApiFactory(settings: Limits);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Given_a_burst_of_2000_anonymous_and_bad_token_requests_then_they_are_answered_429_and_another_orgs_latency_is_unaffected()
    {
        var admin = _api.ClientWith();
        var bystander = await admin.CreateOrgAsync("Bystander");
        var (_, token) = await admin.IssueTokenAsync(bystander);
        var bystanderClient = _api.ClientWith(token);
        var baseline = await LatenciesAsync(bystanderClient, bystander, 15);
        var activationsBefore = await OrgGrainActivationsAsync();

        // The flood: 2,000 requests, 50 in flight at a time, from one client address.
        using var inFlight = new SemaphoreSlim(50);
        var burst = Enumerable.Range(0, 2000).Select(async i =>
        {
            await inFlight.WaitAsync();
            try
            {
                return await SendAsync((i % 3) switch
                {
                    0 => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/availability-links/forged.{i}"),
                    1 => Bearer($"/api/v1/orgs/{bystander}", $"gs.{ApiTokens.NewOrgId()}.tok_{ApiTokens.RandomId(12)}.{new string('x', 43)}"),
                    _ => Bearer($"/api/v1/orgs/{bystander}", "not-a-token-" + i),
                });
            }
            finally
            {
                inFlight.Release();
            }
        }).ToList();
        var during = await LatenciesAsync(bystanderClient, bystander, 15);
        var answers = await Task.WhenAll(burst);

        var limited = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(limited.Count >= 2000 - 200, $"only {limited.Count} of 2000 were limited");
        Assert.All(limited, a => Assert.True(a.RetryAfter is > 0 && a.ProblemJson, "a 429 without Retry-After or a problem body"));
        Assert.DoesNotContain(answers, a => (int)a.Status >= 500);
        Assert.True(Percentile(during, 0.95) < Percentile(baseline, 0.95) * 3 + 150,
            $"the bystander's p95 went from {Percentile(baseline, 0.95):0} ms to {Percentile(during, 0.95):0} ms");
        // Made-up org ids were refused without activating their grains.
        Assert.True(await OrgGrainActivationsAsync() <= activationsBefore + 1);
    }

    [Fact]
    public async Task Given_one_token_over_its_limit_then_it_gets_429_while_another_orgs_token_is_served()
    {
        var admin = _api.ClientWith();
        var busy = await admin.CreateOrgAsync("Busy");
        var quiet = await admin.CreateOrgAsync("Quiet");
        var busyClient = _api.ClientWith((await admin.IssueTokenAsync(busy)).Token);
        var quietClient = _api.ClientWith((await admin.IssueTokenAsync(quiet)).Token);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
            statuses.Add((await busyClient.GetAsync($"/api/v1/orgs/{busy}")).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 45, $"{statuses.Count(s => s == HttpStatusCode.OK)} were served");
        Assert.Equal(HttpStatusCode.OK, (await quietClient.GetAsync($"/api/v1/orgs/{quiet}")).StatusCode);
    }

    [Fact]
    public async Task Given_an_org_that_asks_for_too_many_syncs_then_the_expensive_route_is_limited_and_cheap_reads_still_work()
    {
        var admin = _api.ClientWith();
        var orgId = await admin.CreateOrgAsync("Eager");
        var client = _api.ClientWith((await admin.IssueTokenAsync(orgId)).Token);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/sync", new { mode = "sideways" })).StatusCode);

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orgs/{orgId}")).StatusCode);
    }

    private sealed record Answer(HttpStatusCode Status, int? RetryAfter, bool ProblemJson);

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await _api.ClientWith(null).SendAsync(request);
        return new Answer(response.StatusCode, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds,
            response.Content.Headers.ContentType?.MediaType == "application/problem+json");
    }

    private static HttpRequestMessage Bearer(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<List<double>> LatenciesAsync(HttpClient client, string orgId, int count)
    {
        var latencies = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await client.GetAsync($"/api/v1/orgs/{orgId}");
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return latencies;
    }

    private static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Ceiling(p * values.Count) - 1);

    private async Task<int> OrgGrainActivationsAsync()
    {
        var management = _api.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var stats = await management.GetSimpleGrainStatistics();
        return stats.Where(s => s.GrainType.Contains("OrgGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
