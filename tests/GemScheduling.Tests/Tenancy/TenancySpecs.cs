using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Tenancy;

/// <summary>Orgs are tenants: tokens are org-scoped, shown once, stored hashed, revocable at once; other orgs look absent.</summary>
public sealed class TenancySpecs(TenancySpecs.Api api) : IClassFixture<TenancySpecs.Api>
{
    public sealed class Api : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private HttpClient Admin => api.Factory.ClientWith();

    [Fact]
    public async Task Given_no_token_then_every_api_route_answers_401_but_health_and_docs_stay_open()
    {
        var anonymous = api.Factory.ClientWith(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/orgs/org_x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/orgs", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Given_an_org_token_when_it_creates_an_org_then_it_is_forbidden()
    {
        var orgId = await Admin.CreateOrgAsync("Acme Recruiting");
        var (_, token) = await Admin.IssueTokenAsync(orgId);

        var response = await api.Factory.ClientWith(token).PostAsJsonAsync("/api/v1/orgs", new { name = "Another" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Given_a_token_of_org_A_when_it_reads_org_B_then_org_B_looks_absent()
    {
        var orgA = await Admin.CreateOrgAsync("Org A");
        var orgB = await Admin.CreateOrgAsync("Org B");
        var (_, tokenA) = await Admin.IssueTokenAsync(orgA);
        var clientA = api.Factory.ClientWith(tokenA);

        Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync($"/api/v1/orgs/{orgA}")).StatusCode);
        foreach (var path in new[] { "", "/tokens", "/greenhouse", "/harvest/budget" })
        {
            var response = await clientA.GetAsync($"/api/v1/orgs/{orgB}{path}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await clientA.PostAsJsonAsync($"/api/v1/orgs/{orgB}/tokens", new { name = "steal" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clientA.PostAsync($"/api/v1/orgs/{orgB}/greenhouse/verify", null)).StatusCode);
    }

    [Fact]
    public async Task Given_an_issued_token_then_its_secret_is_shown_once_and_the_list_shows_name_and_last_use()
    {
        var orgId = await Admin.CreateOrgAsync("Acme");
        var (tokenId, token) = await Admin.IssueTokenAsync(orgId, "scheduler-bot");
        await api.Factory.ClientWith(token).GetAsync($"/api/v1/orgs/{orgId}");

        var list = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/tokens");

        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(tokenId, item.GetProperty("id").GetString());
        Assert.Equal("scheduler-bot", item.GetProperty("name").GetString());
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain(token.Split('.')[^1], list.GetRawText());
    }

    [Fact]
    public async Task Given_a_revoked_token_then_the_next_request_is_refused()
    {
        var orgId = await Admin.CreateOrgAsync("Acme");
        var (tokenId, token) = await Admin.IssueTokenAsync(orgId);
        var client = api.Factory.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orgs/{orgId}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/orgs/{orgId}/tokens/{tokenId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/orgs/{orgId}")).StatusCode);
    }

    [Fact]
    public async Task Given_a_forged_or_malformed_token_then_it_is_refused()
    {
        var orgId = await Admin.CreateOrgAsync("Acme");
        var (tokenId, _) = await Admin.IssueTokenAsync(orgId);

        foreach (var bad in new[] { $"gs.{orgId}.{tokenId}.not-the-secret", "gs.org_nope.tok_x.y", "garbage", new string('a', 5000) })
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.Factory.ClientWith(bad).GetAsync($"/api/v1/orgs/{orgId}")).StatusCode);
    }

    [Fact]
    public async Task Given_an_org_without_a_name_then_creation_is_refused_naming_the_field()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/orgs", new { name = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Given_a_body_of_the_wrong_shape_then_the_answer_is_a_400_problem_naming_the_field()
    {
        var response = await Admin.PostAsync("/api/v1/orgs", new StringContent("""{"name": {"nested": true}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }
}
