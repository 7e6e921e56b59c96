using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class AdminHttpTests
{
    private static readonly HttpClient Http = new();

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> Read(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task Given_the_admin_api_When_creating_an_org_over_http_Then_its_key_works_on_harvest_and_can_be_revoked()
    {
        var server = await SharedSandbox.GetAsync();
        var admin = server.AdminAddress;

        var created = await Read(await Http.PostAsync(new Uri(admin, "orgs"), JsonBody("""{"seed":77,"scale":"demo","rate_limit":0,"repeated_link_params":true}""")), HttpStatusCode.Created);
        var orgId = created["organization"]!["id"]!.GetValue<string>();
        var key = created["api_key"]!["key"]!.GetValue<string>();
        var keyId = created["api_key"]!["id"]!.GetValue<string>();

        using var jobs = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/jobs"));
        jobs.Headers.Authorization = TestOrg.BasicAuth(key);
        using var ok = await Http.SendAsync(jobs);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(200, created["organization"]!["data"]!["candidates"]!.GetValue<int>());
        Assert.Null(created["organization"]!["rate_limit"]);
        Assert.True(created["organization"]!["repeated_link_params"]!.GetValue<bool>());

        await Read(await Http.DeleteAsync(new Uri(admin, $"orgs/{orgId}/keys/{keyId}")));
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/jobs"));
        again.Headers.Authorization = TestOrg.BasicAuth(key);
        using var revoked = await Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);

        var calls = (await Read(await Http.GetAsync(new Uri(admin, $"orgs/{orgId}/calls")))).AsArray();
        Assert.Equal([200, 401], calls.Select(c => c!["status"]!.GetValue<int>()));
        Assert.Equal("jobs.list", calls[0]!["permission"]!.GetValue<string>());
        var counters = await Read(await Http.GetAsync(new Uri(admin, $"orgs/{orgId}/counters")));
        Assert.Equal(2, counters["requests"]!.GetValue<long>());
    }

    [Fact]
    public async Task Given_an_org_When_using_admin_routes_for_keys_limits_faults_and_data_Then_they_take_effect()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var admin = new Uri(org.Server.AdminAddress, $"orgs/{org.Org.Id}/");
        var ids = SampleIds.From(org.Org);

        var key = await Read(await Http.PostAsync(new Uri(admin, "keys"), JsonBody("""{"permissions":["jobs.list"],"description":"narrow"}""")), HttpStatusCode.Created);
        Assert.Equal(["jobs.list"], key["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));

        var limit = await Read(await Http.PutAsync(new Uri(admin, "rate_limit"), JsonBody("""{"limit":7,"style":"retry_after_epoch"}""")));
        Assert.Equal(7, limit["rate_limit"]!.GetValue<int>());
        Assert.Equal(RateLimitStyle.RetryAfterEpoch, org.Org.RateLimitStyle);

        var fault = await Read(await Http.PostAsync(new Uri(admin, "faults"), JsonBody("""{"kind":"503","endpoint":"offices.list","max_occurrences":1}""")), HttpStatusCode.Created);
        Assert.Equal("error_503", fault["kind"]!.GetValue<string>());
        using (var failed = await org.GetAsync("v1/offices"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        var log = (await Read(await Http.GetAsync(new Uri(admin, "faults/log")))).AsArray();
        Assert.Single(log);
        await Read(await Http.DeleteAsync(new Uri(admin, "faults")));

        var added = await Read(await Http.PostAsync(new Uri(admin, "candidates"), JsonBody($$"""{"first_name":"Ada","last_name":"Lovelace","email":"ada@analytical.example","job_id":{{ids.JobId}}}""")), HttpStatusCode.Created);
        var applicationId = added["application_id"]!.GetValue<long>();
        var stages = org.Org.GetJobStages(ids.JobId).Where(s => s.Active).ToList();
        await Read(await Http.PostAsync(new Uri(admin, $"applications/{applicationId}/move"), JsonBody($$"""{"stage_id":{{stages[1].Id}}}""")));
        Assert.Equal(stages[1].Id, org.Org.GetApplication(applicationId).CurrentStage!.Id);
        var found = (await org.GetJsonAsync("v1/candidates?email=ada@analytical.example")).AsArray();
        Assert.Equal(added["candidate_id"]!.GetValue<long>(), Assert.Single(found)!.Id());

        await Read(await Http.PostAsync(new Uri(admin, $"candidates/{ids.CandidateId}/availability"),
            JsonBody("""{"time_zone":"America/Chicago","windows":[{"date":"2030-01-07","start":"09:00","end":"11:00"}]}""")), HttpStatusCode.Created);
        Assert.Contains(org.Org.Activities(ids.CandidateId), a => a.Body == "Time zone: America/Chicago\n2030-01-07 09:00-11:00");

        var ui = await Read(await Http.PostAsync(new Uri(admin, "scheduled_interviews"), JsonBody($$"""
            {"application_id":{{ids.ApplicationId}},"interview_step_id":{{ids.StepId}},
             "start":{"date_time":"2030-01-09T15:00:00Z"},"end":{"date_time":"2030-01-09T16:00:00Z"},
             "interviewers":[{"user_id":{{ids.InterviewerId}},"response_status":"accepted"}]}
            """)), HttpStatusCode.Created);
        var interviews = (await Read(await Http.GetAsync(new Uri(admin, $"scheduled_interviews?application_id={ids.ApplicationId}&created_via_harvest=false")))).AsArray();
        Assert.Contains(ui["id"]!.GetValue<long>(), interviews.Ids());
        await Read(await Http.DeleteAsync(new Uri(admin, $"scheduled_interviews/{ui["id"]}")));
        var deleted = (await Read(await Http.GetAsync(new Uri(admin, "scheduled_interviews/deleted")))).AsArray();
        Assert.Single(deleted);

        var fingerprint = await Read(await Http.GetAsync(new Uri(admin, "fingerprint")));
        Assert.Equal(org.Org.Fingerprint(), fingerprint["fingerprint"]!.GetValue<string>());

        await Read(await Http.PostAsync(new Uri(admin, $"users/{ids.OrganizerId}/disable"), null));
        using var disabledObo = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids), ids.OrganizerId);
        Assert.Equal(HttpStatusCode.NotFound, disabledObo.StatusCode);

        using var missing = await Http.GetAsync(new Uri(org.Server.AdminAddress, "orgs/org_nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var bad = await Http.PostAsync(new Uri(admin, $"applications/{ids.ApplicationId}/move"), JsonBody("""{"stage_id":1}"""));
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
    }

    [Fact]
    public async Task Given_an_admin_token_When_calling_admin_routes_Then_the_bearer_token_is_required()
    {
        await using var server = await HarvestSandboxServer.StartAsync(new SandboxOptions { AdminToken = "s3cret", DemoScale = DataScale.Empty, LogToConsole = false });

        using var anonymous = await Http.GetAsync(new Uri(server.AdminAddress, "orgs"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.AdminAddress, "orgs"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        using var authorized = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Single((await Read(authorized)).AsArray());
    }

    [Fact]
    public async Task Given_the_permission_route_When_reading_it_Then_all_19_with_display_names()
    {
        var server = await SharedSandbox.GetAsync();

        var permissions = (await Read(await Http.GetAsync(new Uri(server.AdminAddress, "permissions")))).AsArray();

        Assert.Equal(19, permissions.Count);
        Assert.Equal(17, permissions.Count(p => p!["required"]!.GetValue<bool>()));
        Assert.Contains(permissions, p => p!["display_name"]!.GetValue<string>() == "Candidates: Add E-mail");
    }
}
