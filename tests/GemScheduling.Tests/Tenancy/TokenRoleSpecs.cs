using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Orgs;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Persistence.Orgs;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Tenancy;

/// <summary>
/// Org tokens carry a role (read, coordinator, admin) and may expire; none can mint a token with more rights than its
/// own; an org holds a bounded number of live tokens; tokens from before roles keep admin rights; authenticating writes
/// nothing to the org's stream.
/// </summary>
public sealed class TokenRoleSpecs(TokenRoleSpecs.Api api) : IClassFixture<TokenRoleSpecs.Api>
{
    public sealed class Api : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private HttpClient Admin => api.Factory.ClientWith();

    private async Task<(string Org, HttpClient Client, JsonElement Token)> TokenAsync(string role, string? expiresAt = null, string? orgId = null, HttpClient? issuer = null)
    {
        orgId ??= await Admin.CreateOrgAsync("Acme");
        var response = await (issuer ?? Admin).PostAsJsonAsync($"/api/v1/orgs/{orgId}/tokens", new { name = role, role, expiresAt });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (orgId, api.Factory.ClientWith(token.GetProperty("token").GetString()), token);
    }

    [Theory]
    [InlineData("read", HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("coordinator", HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity, HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity)]
    public async Task Given_a_token_of_a_role_then_it_reaches_exactly_what_its_role_allows(
        string role, HttpStatusCode read, HttpStatusCode schedule, HttpStatusCode mint, HttpStatusCode connect)
    {
        var (orgId, client, token) = await TokenAsync(role);

        Assert.Equal(role, token.GetProperty("role").GetString());
        Assert.Equal(read, (await client.GetAsync($"/api/v1/orgs/{orgId}/schedules")).StatusCode);
        Assert.Equal(schedule, (await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/schedules", new { applicationId = -1 })).StatusCode);
        Assert.Equal(mint, (await client.PostAsJsonAsync($"/api/v1/orgs/{orgId}/tokens", new { name = "more", role = "read" })).StatusCode);
        Assert.Equal(connect, (await client.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new { apiVersion = "v9" })).StatusCode);
        var refused = await client.PutAsJsonAsync($"/api/v1/orgs/{orgId}/email-templates/scheduled", new { subject = "x", body = "y" });
        Assert.Equal(role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Given_a_token_of_another_org_then_the_org_looks_absent_whatever_the_role()
    {
        var (_, readOfA, _) = await TokenAsync("read");
        var orgB = await Admin.CreateOrgAsync("Org B");

        Assert.Equal(HttpStatusCode.NotFound, (await readOfA.PostAsJsonAsync($"/api/v1/orgs/{orgB}/tokens", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task Given_an_expiring_admin_token_then_it_cannot_mint_a_token_that_outlives_it_and_stops_working_when_it_expires()
    {
        var (orgId, expiring, _) = await TokenAsync("admin", DateTimeOffset.UtcNow.AddSeconds(3).ToString("O"));

        var forever = await expiring.PostAsJsonAsync($"/api/v1/orgs/{orgId}/tokens", new { name = "forever", role = "read" });
        var shorter = await expiring.PostAsJsonAsync($"/api/v1/orgs/{orgId}/tokens", new { name = "shorter", role = "read", expiresAt = DateTimeOffset.UtcNow.AddSeconds(2).ToString("O") });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, forever.StatusCode);
        Assert.True((await forever.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("expiresAt", out _));
        Assert.Equal(HttpStatusCode.Created, shorter.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await expiring.GetAsync($"/api/v1/orgs/{orgId}")).StatusCode);
    }

    [Fact]
    public async Task Given_an_org_at_its_live_token_cap_then_another_is_refused_until_one_is_revoked()
    {
        var orgId = await Admin.CreateOrgAsync("Many tokens");
        var ids = new List<string>();
        for (var i = 0; i < OrgGrain.MaxLiveTokens; i++)
            ids.Add((await Admin.IssueTokenAsync(orgId, $"t{i}")).Id);

        var over = await Admin.PostAsJsonAsync($"/api/v1/orgs/{orgId}/tokens", new { name = "one too many" });
        await Admin.DeleteAsync($"/api/v1/orgs/{orgId}/tokens/{ids[0]}");
        var after = await Admin.PostAsJsonAsync($"/api/v1/orgs/{orgId}/tokens", new { name = "replacement" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task Given_a_token_issued_before_roles_existed_then_it_keeps_admin_rights()
    {
        // An org stream written by the previous version: its token event has no role.
        var orgId = ApiTokens.NewOrgId();
        var (tokenId, secret) = ("tok_" + ApiTokens.RandomId(12), ApiTokens.RandomSecret());
        var store = api.Factory.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync($"org/{orgId}", 0,
        [
            new EventToAppend(Guid.NewGuid(), "org.created", """{"name":"Legacy","at":"2026-09-01T00:00:00+00:00","by":"admin"}""", null),
            new EventToAppend(Guid.NewGuid(), "org.api-token-issued",
                $$"""{"tokenId":"{{tokenId}}","name":"old","secretHash":"{{ApiTokens.Hash(secret)}}","at":"2026-09-01T00:00:00+00:00","by":"admin"}""", null),
        ]);
        await api.Factory.Services.GetRequiredService<IOrgDirectory>().AddAsync(orgId);
        var legacy = api.Factory.ClientWith(ApiTokens.Format(orgId, tokenId, secret));

        var minted = await legacy.PostAsJsonAsync($"/api/v1/orgs/{orgId}/tokens", new { name = "new", role = "admin" });

        Assert.Equal(HttpStatusCode.Created, minted.StatusCode);
        var listed = await legacy.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/tokens");
        Assert.Equal("admin", listed.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == tokenId).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Given_many_authenticated_requests_then_the_orgs_stream_does_not_grow_and_last_use_is_still_shown()
    {
        var (orgId, client, token) = await TokenAsync("read");
        var store = api.Factory.Services.GetRequiredService<IEventStore>();
        var before = (await store.ReadStreamAsync($"org/{orgId}")).Count;

        for (var i = 0; i < 50; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orgs/{orgId}")).StatusCode);

        Assert.Equal(before, (await store.ReadStreamAsync($"org/{orgId}")).Count);
        var listed = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/tokens");
        var mine = listed.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == token.GetProperty("id").GetString());
        Assert.NotEqual(JsonValueKind.Null, mine.GetProperty("lastUsedAt").ValueKind);
    }
}
