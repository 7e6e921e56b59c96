using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Api.Hosting;
using GemScheduling.Planning;
using GemScheduling.Suggestions.Engine;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GemScheduling.Tests.Foundation;

/// <summary>A request that meets a dying silo is repeated where that cannot do anything twice, so the client sees latency, not a 503.</summary>
public sealed class FailoverRetrySpecs
{
    /// <summary>Suggestions whose first <see cref="Failures"/> calls meet a silo that is gone.</summary>
    private sealed class FlakySuggester : ILoopSuggester
    {
        public int Failures { get; init; }
        public int Calls;

        public Task<LoopSuggestions> SuggestAsync(string orgId, long applicationId, SuggestLoopRequest request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref Calls) <= Failures
                ? throw new SiloUnavailableException("silo S127.0.0.1:11112 is dead")
                : Task.FromResult(new LoopSuggestions("UTC", [], [], [], [], null, [], new SearchStats(0, 0, 0, false)));
    }

    private static async Task<(HttpResponseMessage Response, FlakySuggester Suggester)> SuggestAsync(int failures, int retries, Dictionary<string, string>? headers = null, HttpMethod? method = null)
    {
        var suggester = new FlakySuggester { Failures = failures };
        await using var api = new ApiFactory(services: s =>
        {
            s.AddSingleton<ILoopSuggester>(suggester);
            s.AddSingleton(new FailoverRetryOptions { Delays = Enumerable.Repeat(TimeSpan.FromMilliseconds(10), retries).ToList() });
        });
        var admin = api.ClientWith();
        var orgId = await admin.CreateOrgAsync("Failover");
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, $"/api/v1/orgs/{orgId}/applications/1/suggestions") { Content = JsonContent.Create(new { maxDays = 1 }) };
        foreach (var (name, value) in headers ?? [])
            request.Headers.Add(name, value);
        var response = await admin.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, suggester);
    }

    [Fact]
    public async Task Given_a_read_only_request_when_its_silo_dies_twice_then_it_is_repeated_and_answers_200()
    {
        var (response, suggester) = await SuggestAsync(failures: 2, retries: 6);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, suggester.Calls);
    }

    [Fact]
    public async Task Given_a_silo_that_stays_gone_then_the_tries_end_and_the_answer_is_a_503_problem_naming_the_cluster()
    {
        var (response, suggester) = await SuggestAsync(failures: 100, retries: 3);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(4, suggester.Calls);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("cluster-unavailable", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Given_a_command_without_an_idempotency_key_or_if_match_then_it_is_not_repeated()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Method = "POST";
        var calls = 0;
        var filter = new FailoverRetryFilter(new FailoverRetryOptions { Delays = [TimeSpan.Zero, TimeSpan.Zero] }, Microsoft.Extensions.Logging.Abstractions.NullLogger<FailoverRetryFilter>.Instance);

        await Assert.ThrowsAsync<SiloUnavailableException>(async () =>
            await filter.InvokeAsync(new Microsoft.AspNetCore.Http.DefaultEndpointFilterInvocationContext(http), _ => { calls++; throw new SiloUnavailableException("gone"); }));

        Assert.Equal(1, calls);

        http.Request.Headers["Idempotency-Key"] = "create-1";
        var repeated = await filter.InvokeAsync(new Microsoft.AspNetCore.Http.DefaultEndpointFilterInvocationContext(http), _ => ++calls < 3
            ? throw new SiloUnavailableException("gone")
            : ValueTask.FromResult<object?>("created"));
        Assert.Equal(("created", 3), (repeated, calls));
    }
}
