using System.Net;
using GemScheduling.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Tenancy;

/// <summary>Every org-scoped endpoint, called with another org's token, answers 404 — found by walking the route table.</summary>
public sealed class CrossTenantMatrixSpecs : IAsyncLifetime
{
    private readonly ApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Given_a_token_of_org_A_then_every_org_scoped_endpoint_of_org_B_answers_404()
    {
        var admin = _api.ClientWith();
        var orgA = await admin.CreateOrgAsync("A");
        var orgB = await admin.CreateOrgAsync("B");
        var (_, tokenA) = await admin.IssueTokenAsync(orgA);
        var client = _api.ClientWith(tokenA);
        var endpoints = _api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.Contains("{orgId}", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .Distinct().ToList();

        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} org-scoped endpoints found");
        foreach (var (method, route) in endpoints)
        {
            var path = route.Replace("{orgId}", orgB).Replace("{scheduleId}", "sch_abcdefghijklmnop").Replace("{tokenId}", "tok_x")
                .Replace("{jobId:long}", "1").Replace("{applicationId:long}", "1").Replace("{kind}", "scheduled").Replace("{userId:long}", "1");
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {route} answered {(int)response.StatusCode}");
        }
    }
}
