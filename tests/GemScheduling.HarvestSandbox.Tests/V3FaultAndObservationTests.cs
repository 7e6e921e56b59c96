using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>Fault injection, the call log, counters, the fingerprint and the admin HTTP surface for v3.</summary>
public sealed class V3FaultAndObservationTests
{
    [Theory]
    [InlineData(500, "application/json")]
    [InlineData(503, "text/html")]
    public async Task Given_a_fault_on_a_v3_scope_for_the_next_2_calls_When_listing_Then_two_failures_then_success_and_v1_is_untouched(int status, string mediaType)
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        org.Org.AddFault(FaultRule.Fail(status, "harvest:jobs:list", times: 2));

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await org.GetAsync("v3/jobs", token);
            statuses.Add((int)response.StatusCode);
            if (i == 0)
            {
                Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            }
        }

        using var v1 = await org.V1.GetAsync("v1/jobs");

        Assert.Equal([status, status, 200], statuses);
        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.All(org.Org.FaultLog(), f => Assert.Equal(("harvest:jobs:list", org.Credentials.ClientId), (f.Permission, f.KeyId)));
        Assert.Equal(2, org.Org.Counters().ByKey[org.Credentials.ClientId].FaultsServed);
    }

    [Fact]
    public async Task Given_a_commit_then_fail_fault_on_interview_create_When_posting_Then_500_but_the_interview_exists_in_v1_and_v3()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        org.Org.AddFault(new FaultRule { Kind = FaultKind.CommitThenFail, Endpoint = "harvest:interviews:create", MaxOccurrences = 1 });

        using var response = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids, "evt-commit-fail"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var v3 = Assert.Single(await org.ListAsync("v3/interviews?external_event_id=evt-commit-fail"));
        var v1 = Assert.Single((await org.V1.GetJsonAsync($"v1/applications/{ids.ApplicationId}/scheduled_interviews?external_event_id=evt-commit-fail")).AsArray());
        Assert.Equal(v3!.Id(), v1!.Id());
        Assert.Equal("commit_then_fail", org.Org.CallLog().Single(c => c.Method == "POST" && c.Permission == "harvest:interviews:create").Fault);
    }

    [Fact]
    public async Task Given_prefix_and_token_endpoint_rules_When_calling_Then_harvest_star_hits_only_v3_and_auth_token_only_token_requests()
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        org.Org.AddFault(FaultRule.Fail(502, "harvest:*", times: 1));
        org.Org.AddFault(FaultRule.Fail(503, "auth.token", times: 1));

        using var v1 = await org.V1.GetAsync("v1/offices");
        using var v3 = await org.GetAsync("v3/offices", token);
        using var v3Again = await org.GetAsync("v3/offices", token);
        using var tokenFault = await org.Http.SendAsync(org.TokenRequest());
        using var tokenOk = await org.Http.SendAsync(org.TokenRequest());

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK],
            new[] { v1, v3, v3Again, tokenFault, tokenOk }.Select(r => r.StatusCode));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(FaultRule.Fail(500, "harvest:nothing:list")));
        Assert.Throws<ArgumentException>(() => org.Org.AddFault(FaultRule.Fail(500, "nothing*")));
    }

    [Fact]
    public async Task Given_a_drop_fault_on_v3_When_calling_Then_the_connection_closes_and_the_call_log_says_status_0()
    {
        var org = await V3Org.CreateAsync();
        var token = await org.TokenAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Drop, Endpoint = "harvest:users:list", MaxOccurrences = 1 });

        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(V3Org.Request(HttpMethod.Get, org.Url("v3/users"), token)));

        // The server records the call after aborting the connection: wait for it.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!org.Org.CallLog().Any(c => c.Permission == "harvest:users:list") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var call = org.Org.CallLog().Single(c => c.Permission == "harvest:users:list");
        Assert.Equal((0, "drop", org.Credentials.ClientId), (call.Status, call.Fault, call.ClientId));
    }

    [Fact]
    public async Task Given_v3_calls_When_reading_the_call_log_and_counters_Then_each_names_the_scope_client_id_and_sub()
    {
        var org = await V3Org.CreateAsync();
        var sub = org.SiteAdminId;
        await org.ListAsync("v3/offices?per_page=2", sub: sub);

        var calls = org.Org.CallLog();

        Assert.Equal(2, calls.Count);
        Assert.Equal(("auth.token", "POST", sub), (calls[0].Permission, calls[0].Method, calls[0].Sub!.Value));
        Assert.Equal(("harvest:offices:list", "/v3/offices?per_page=2", org.Credentials.ClientId, sub, 200),
            (calls[1].Permission, calls[1].PathAndQuery, calls[1].ClientId, calls[1].Sub!.Value, calls[1].Status));
        Assert.Null(calls[1].OnBehalfOf);
        Assert.Equal(2, org.Org.Counters().ByKey[org.Credentials.ClientId].Requests);
    }

    [Fact]
    public async Task Given_refused_v3_writes_and_token_requests_When_comparing_fingerprints_Then_the_shared_data_is_unchanged_until_a_write_succeeds()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var readOnly = org.Org.CreateV3Credentials(HarvestV3Scopes.All.Where(s => s.Method == "GET").Select(s => s.Id));
        var readOnlyToken = await org.NewTokenAsync(clientId: readOnly.ClientId, secret: readOnly.ClientSecret);
        var before = org.Org.Fingerprint();

        var statuses = new List<HttpStatusCode>();
        async Task Send(Task<HttpResponseMessage> call)
        {
            using var response = await call;
            statuses.Add(response.StatusCode);
        }

        await Send(org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids), readOnlyToken));
        await Send(org.PostAsync("v3/notes", """{"candidate_id":1}""", readOnlyToken));
        await Send(org.PostAsync("v3/interviews", """{"application_id":1}"""));
        await Send(org.PostAsync("v3/notes", """{"candidate_id":1,"user_id":1,"body":"x","visibility":"public","note_type":"NOTE"}"""));
        await Send(org.PatchAsync("v3/interviews/1", """{"location":"x"}"""));
        await Send(org.DeleteAsync("v3/interviews/1"));
        await Send(org.Http.SendAsync(org.TokenRequest(sub: 1)));
        await org.NewTokenAsync();
        org.Org.RotateV3Secret(org.Credentials.ClientId);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity,
            HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.BadRequest], statuses);
        Assert.Equal(before, org.Org.Fingerprint());

        using var accepted = await org.PostAsync("v3/notes",
            $$"""{"candidate_id":{{ids.CandidateId}},"user_id":{{ids.OrganizerId}},"body":"x","visibility":"public","note_type":"NOTE"}""");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.NotEqual(before, org.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_the_admin_HTTP_surface_When_managing_v3_Then_options_credentials_rotation_tokens_and_revocation_work()
    {
        var server = await SharedSandbox.GetAsync();
        using var http = new HttpClient { BaseAddress = server.AdminAddress };

        using var createdOrg = await http.PostAsJsonAsync("orgs", new { scale = "empty", create_v3_credentials = true, v3 = new { rate_limit = 0, token_expiry_field = "expires_at" } });
        Assert.Equal(HttpStatusCode.Created, createdOrg.StatusCode);
        var orgJson = (await Json.ReadAsync(createdOrg))!;
        var orgId = orgJson["organization"]!["id"]!.GetValue<string>();
        var firstClient = orgJson["v3_credentials"]!["client_id"]!.GetValue<string>();
        var options = await http.GetFromJsonAsync<JsonObject>($"orgs/{orgId}/v3/options");
        Assert.Null(options!["rate_limit"]);
        Assert.Equal("expires_at", options["token_expiry_field"]!.GetValue<string>());

        using var put = await http.PutAsJsonAsync($"orgs/{orgId}/v3/options", new { token_lifetime_seconds = 120, lists_require_site_admin = false, token_error_style = "message" });
        var updated = (await Json.ReadAsync(put))!;
        Assert.Equal((120.0, false, "message", "expires_at"), (updated["token_lifetime_seconds"]!.GetValue<double>(),
            updated["lists_require_site_admin"]!.GetValue<bool>(), updated["token_error_style"]!.GetValue<string>(), updated["token_expiry_field"]!.GetValue<string>()));

        using var createdClient = await http.PostAsJsonAsync($"orgs/{orgId}/v3/credentials", new { scopes = new[] { "harvest:offices:list" }, description = "narrow" });
        Assert.Equal(HttpStatusCode.Created, createdClient.StatusCode);
        var client = (await Json.ReadAsync(createdClient))!;
        Assert.Equal(["harvest:offices:list"], client["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var clientId = client["client_id"]!.GetValue<string>();

        using var rotated = await http.PostAsJsonAsync($"orgs/{orgId}/v3/credentials/{clientId}/rotate", new { grace_seconds = 60 });
        var rotatedJson = (await Json.ReadAsync(rotated))!;
        Assert.Equal(client["client_secret"]!.GetValue<string>(), rotatedJson["previous_secrets"]![0]!["secret"]!.GetValue<string>());

        var org = server.State.GetOrganization(orgId);
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, server.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]),
        };
        tokenRequest.Headers.Authorization = V3Org.Basic(clientId, rotatedJson["client_secret"]!.GetValue<string>());
        using var tokenResponse = await http.SendAsync(tokenRequest);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var tokens = await http.GetFromJsonAsync<JsonArray>($"orgs/{orgId}/v3/tokens");
        var tokenId = Assert.Single(tokens!)!["token_id"]!.GetValue<string>();
        Assert.Equal(org.IntegrationServiceUserId, tokens![0]!["sub"]!.GetValue<long>());

        using var revokeToken = await http.DeleteAsync($"orgs/{orgId}/v3/tokens/{tokenId}");
        using var revokeClient = await http.DeleteAsync($"orgs/{orgId}/v3/credentials/{firstClient}");
        using var unknown = await http.DeleteAsync($"orgs/{orgId}/v3/credentials/nope");
        Assert.Equal(HttpStatusCode.OK, revokeToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revokeClient.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotNull(org.V3Tokens().Single().RevokedAt);
        Assert.True(org.V3Credentials().Single(c => c.ClientId == firstClient).Revoked);
        var scopes = await http.GetFromJsonAsync<JsonArray>("v3/scopes");
        Assert.Equal(HarvestV3Scopes.AllIds, scopes!.Select(s => s!["id"]!.GetValue<string>()));
    }
}
