using GemScheduling.Harvest;
using GemScheduling.Harvest.OAuth;
using GemScheduling.Harvest.V3;
using GemScheduling.Harvest.V3.Models;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Harvest;

/// <summary>The v3 client against the sandbox over real HTTP: OAuth tokens, cursor paging, acting users and errors.</summary>
public sealed class HarvestV3ClientSpecs(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly DataScale Small = DataScale.Demo with { Users = 12, Jobs = 4, Candidates = 10, Applications = 12 };

    private SandboxTenant NewOrg(Func<HarvestV3Options, HarvestV3Options>? options = null)
    {
        var tenant = sandbox.NewOrg(Small, seed: 19);
        tenant.Org.V3Options = (options ?? (o => o))(tenant.Org.V3Options with { RateLimit = 1000 });
        return tenant;
    }

    private static async Task<List<V3User>> AllUsers(HarvestV3Client client, int perPage)
    {
        var users = new List<V3User>();
        await foreach (var user in client.ItemsAsync(api => api.ListUsers(new V3UserFilter { PerPage = perPage })))
            users.Add(user);
        return users;
    }

    [Fact]
    public async Task Given_many_reads_and_a_write_then_one_token_serves_every_read_and_the_write_gets_a_token_for_its_acting_user()
    {
        var tenant = NewOrg();
        var client = tenant.V3Client();
        var target = tenant.Org.FindSchedulingTarget()!;

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 5 }))));
        await client.CallAsync(api => api.CreateNote(new V3CreateNoteRequest(target.CandidateId, target.ApplicationId, target.OrganizerUserId,
            "Interviews scheduled", "private", "NOTE"), target.OrganizerUserId.ToString()));
        await client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 5 }));

        var tokens = tenant.Org.V3Tokens();
        Assert.Equal(2, tokens.Count);
        Assert.Equal(new[] { tenant.Org.IntegrationServiceUserId!.Value, target.OrganizerUserId }.Order(), tokens.Select(t => t.Sub).Order());
        var note = Assert.Single(tenant.Org.Notes(target.CandidateId), n => n.Body == "Interviews scheduled");
        Assert.Equal(target.OrganizerUserId, note.OnBehalfOfUserId);
    }

    [Fact]
    public async Task Given_a_paged_list_then_the_filters_go_on_the_first_request_only_and_each_next_link_is_followed_exactly()
    {
        var tenant = NewOrg();
        var client = tenant.V3Client();

        var users = await AllUsers(client, perPage: 2);

        var visible = tenant.Org.ListUsers().Where(u => u.Id != tenant.Org.IntegrationServiceUserId).Select(u => u.Id);
        Assert.Equal(visible.OrderDescending(), users.Select(u => u.Id!.Value)); // v3 reads by id, descending
        var reads = tenant.Org.CallLog().Where(c => c.Permission == "harvest:users:list").ToList();
        Assert.InRange(reads.Count, (users.Count + 1) / 2, (users.Count + 1) / 2 + 1);
        Assert.Contains("per_page=2", reads[0].PathAndQuery);
        Assert.All(reads.Skip(1), r => Assert.Matches(@"^/v3/users\?cursor=[^&]+$", r.PathAndQuery));
        Assert.All(reads, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task Given_the_current_token_is_revoked_then_the_next_call_gets_one_401_takes_a_new_token_and_succeeds()
    {
        var tenant = NewOrg();
        var client = tenant.V3Client();
        await client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 1 }));
        Assert.True(tenant.Org.RevokeV3Token(Assert.Single(tenant.Org.V3Tokens()).TokenId));

        var offices = await client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 1 }));

        Assert.Single(offices);
        Assert.Equal(2, tenant.Org.V3Tokens().Count);
        Assert.Single(tenant.Org.CallLog(), c => c.Status == 401);
    }

    [Fact]
    public async Task Given_a_revoked_token_when_the_call_is_resent_with_a_new_one_then_it_takes_one_slot_of_the_API_budget_and_tokens_take_their_own()
    {
        var tenant = NewOrg();
        var gate = new GemScheduling.Harvest.RateBudget.LocalHarvestRateGate(TimeProvider.System);
        var client = tenant.V3Client(gate: gate, orgId: "org_budget");
        await client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 1 }));
        Assert.True(tenant.Org.RevokeV3Token(Assert.Single(tenant.Org.V3Tokens()).TokenId));

        await client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 1 }));

        var api = gate.Snapshot(HarvestConnection.BudgetKeyFor("org_budget", "v3"));
        var tokens = gate.Snapshot(HarvestConnection.TokenBudgetKeyFor("org_budget"));
        Assert.Equal(3, tenant.Org.CallLog().Count(c => c.Permission == "harvest:offices:list")); // the 401 and its resend
        Assert.Equal(2, api.WritesGranted + api.InteractiveGranted + api.BackgroundGranted); // two calls, counted once each
        Assert.Equal(2, tokens.WritesGranted + tokens.InteractiveGranted + tokens.BackgroundGranted);
        Assert.Equal(60, tokens.Window.TotalSeconds);
    }

    [Fact]
    public async Task Given_short_lived_tokens_then_the_client_replaces_them_before_they_expire_and_never_sees_a_401()
    {
        var tenant = NewOrg(o => o with { TokenLifetime = TimeSpan.FromSeconds(2) });
        var client = tenant.V3Client();

        for (var i = 0; i < 8; i++)
        {
            await client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 1 }));
            await Task.Delay(400);
        }

        Assert.InRange(tenant.Org.V3Tokens().Count, 2, 8);
        Assert.DoesNotContain(tenant.Org.CallLog(), c => c.Status == 401);
    }

    [Theory]
    [InlineData(V3TokenExpiryField.ExpiresIn)]
    [InlineData(V3TokenExpiryField.Expires)]
    [InlineData(V3TokenExpiryField.ExpiresAt)]
    [InlineData(V3TokenExpiryField.ExpiresAtEpoch)]
    [InlineData(V3TokenExpiryField.None)]
    public async Task Given_each_way_a_token_response_names_its_lifetime_then_the_token_is_reused_until_then(V3TokenExpiryField field)
    {
        var tenant = NewOrg(o => o with { TokenExpiryField = field });
        var client = tenant.V3Client();

        for (var i = 0; i < 5; i++)
            await client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 1 }));

        Assert.Single(tenant.Org.V3Tokens());
    }

    [Theory]
    [InlineData("""{"access_token":"t","expires_in":3600}""", 3600)]
    [InlineData("""{"access_token":"t","expires_in":"120"}""", 120)]
    [InlineData("""{"access_token":"t","expires":600}""", 600)]
    [InlineData("""{"access_token":"t","expires_at":"2026-11-28T13:00:00Z"}""", 3600)]
    [InlineData("""{"access_token":"t","expires_at":1795870800}""", 1800)]
    [InlineData("""{"access_token":"t"}""", 3600)]
    [InlineData("""{"access_token":"t","expires_in":-5}""", 3600)]
    public void Given_a_token_response_then_its_lifetime_is_read_from_whichever_field_it_has(string body, int seconds)
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        if (body.Contains("1795870800"))
            now = DateTimeOffset.FromUnixTimeSeconds(1795870800 - 1800);

        var token = OAuthTokenClient.Parse(body, now)!;

        Assert.Equal(TimeSpan.FromSeconds(seconds), token.ExpiresAt - now);
        Assert.True(token.RefreshAt > now && token.RefreshAt < token.ExpiresAt);
    }

    [Theory]
    [InlineData(V3TokenErrorStyle.Rfc6749)]
    [InlineData(V3TokenErrorStyle.Message)]
    public async Task Given_a_wrong_secret_then_the_call_fails_as_unauthorized_without_the_secret_in_the_error(V3TokenErrorStyle style)
    {
        var tenant = NewOrg(o => o with { TokenErrorStyle = style });
        var real = tenant.Org.CreateV3Credentials();
        var wrong = real with { ClientSecret = new string('x', 40) };

        var error = await Assert.ThrowsAsync<HarvestApiException>(() => tenant.V3Client(wrong).CallAsync(api => api.ListOffices(new V3ListFilter())));

        Assert.Equal(HarvestErrorKind.Unauthorized, error.Kind);
        Assert.Equal("POST /token", error.Endpoint);
        Assert.DoesNotContain(wrong.ClientSecret, error.Message);
        Assert.DoesNotContain(real.ClientSecret, error.Message);
    }

    [Fact]
    public async Task Given_a_missing_scope_then_the_call_fails_as_forbidden_naming_the_endpoint()
    {
        var tenant = NewOrg();
        var credentials = tenant.Org.CreateV3Credentials(HarvestSandbox.HarvestV3Scopes.AllIds.Where(s => s != "harvest:offices:list"));

        var error = await Assert.ThrowsAsync<HarvestApiException>(() => tenant.V3Client(credentials).CallAsync(api => api.ListOffices(new V3ListFilter())));

        Assert.Equal(HarvestErrorKind.Forbidden, error.Kind);
        Assert.Equal("GET /v3/offices", error.Endpoint);
        Assert.Contains("harvest:offices:list", error.GreenhouseMessage);
    }

    [Fact]
    public async Task Given_a_v3_limit_per_30_seconds_then_the_budget_keeps_a_burst_inside_it_with_no_429()
    {
        var tenant = NewOrg(o => o with { RateLimit = 5 });
        var gate = new GemScheduling.Harvest.RateBudget.LocalHarvestRateGate(TimeProvider.System);
        // A sync's lane: it may wait out a whole 30 s window, which calls inside a grain call cannot.
        var client = tenant.V3Client(gate: gate, lane: HarvestLane.Background);
        await client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 1 })); // learns the limit

        // Six more than fit in one window with the first: two must wait for the next 30 s window.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.CallAsync(api => api.ListOffices(new V3ListFilter { PerPage = 1 }))));

        Assert.Equal(0, tenant.Org.Counters().RateLimited);
        var calls = tenant.Org.CallLog().Where(c => c.Permission == "harvest:offices:list").Select(c => c.Timestamp).Order().ToList();
        Assert.Equal(7, calls.Count);
        Assert.True(calls[^1] - calls[0] >= TimeSpan.FromSeconds(1), "the burst was not spread over two windows");
        var budget = gate.Snapshot(HarvestConnection.BudgetKeyFor("org_test", "v3"));
        Assert.Equal(TimeSpan.FromSeconds(30), budget.Window);
        Assert.Equal(5, budget.Limit);
    }
}
