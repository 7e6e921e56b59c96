using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Api.Hosting;
using Microsoft.AspNetCore.Http;
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

        public Task<LoopSuggestions> SuggestAsync(string orgId, long applicationId, SuggestLoopRequest request, LoopOverrides overrides, CancellationToken cancellationToken) =>
            SuggestAsync(orgId, applicationId, request, cancellationToken);
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

    [Theory]
    [InlineData(null, "Idempotency-Key", "k-1", 1)]                         // a route that ignores the key (token or link issue) is not repeated
    [InlineData(RepeatWhen.WithIdempotencyKey, null, null, 1)]              // schedule create without a key
    [InlineData(RepeatWhen.WithIdempotencyKey, "Idempotency-Key", "k-1", 3)]
    [InlineData(RepeatWhen.WithIfMatchVersion, "If-Match", "*", 1)]         // "*" checks no version: a second PATCH could add interviews twice
    [InlineData(RepeatWhen.WithIfMatchVersion, "If-Match", "\"4\"", 3)]
    [InlineData(RepeatWhen.Always, null, null, 3)]                          // suggestions only compute
    public async Task Given_a_command_then_it_is_repeated_only_where_its_route_makes_a_repeat_harmless(RepeatWhen? when, string? header, string? value, int expectedCalls)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Method = "POST";
        http.SetEndpoint(new Microsoft.AspNetCore.Http.Endpoint(null,
            when is { } w ? new Microsoft.AspNetCore.Http.EndpointMetadataCollection(new RepeatableMetadata(w)) : Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty, "spec"));
        if (header is not null)
            http.Request.Headers[header] = value;
        var calls = 0;
        var filter = new FailoverRetryFilter(new FailoverRetryOptions { Delays = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero] },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<FailoverRetryFilter>.Instance);

        object? result = null;
        try
        {
            result = await filter.InvokeAsync(new Microsoft.AspNetCore.Http.DefaultEndpointFilterInvocationContext(http),
                _ => ++calls < 3 ? throw new SiloUnavailableException("gone") : ValueTask.FromResult<object?>("done"));
        }
        catch (SiloUnavailableException)
        {
        }

        Assert.Equal(expectedCalls, calls);
        Assert.Equal(expectedCalls == 3 ? "done" : null, result);
    }
}
