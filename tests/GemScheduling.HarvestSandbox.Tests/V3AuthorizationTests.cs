using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>v3 scopes per endpoint (403), the Site-Admin rule for lists, and the token's user (docs/HARVEST-CONTRACT.md §11).</summary>
public sealed class V3AuthorizationTests
{
    public static TheoryData<string> Scopes => new(HarvestV3Scopes.AllIds);

    public static TheoryData<string> ListScopes => new(HarvestV3Scopes.All.Where(s => s.Method == "GET").Select(s => s.Id));

    /// <summary>A request to the scope's endpoint that succeeds when the scope is granted.</summary>
    private static Task<HttpResponseMessage> CallAsync(V3Org org, string scope, string token, SampleIds ids) => scope switch
    {
        "harvest:interviews:create" => org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids), token),
        "harvest:interviews:update" => org.PatchAsync($"v3/interviews/{ids.ActionableInterviewId}", """{"location":"Room 9"}""", token),
        "harvest:interviews:destroy" => org.DeleteAsync($"v3/interviews/{ids.ActionableInterviewId}", token),
        "harvest:notes:create" => org.PostAsync("v3/notes",
            $$"""{"candidate_id":{{ids.CandidateId}},"user_id":{{ids.OrganizerId}},"body":"Scoped.","visibility":"public","note_type":"NOTE"}""", token),
        _ => org.GetAsync(HarvestV3Scopes.Get(scope).PathTemplate.TrimStart('/'), token),
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Given_a_credential_lacking_one_scope_When_calling_that_endpoint_Then_403_naming_the_scope_and_nothing_changes(string scope)
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var without = org.Org.CreateV3Credentials(HarvestV3Scopes.AllIds.Where(s => s != scope));
        var only = org.Org.CreateV3Credentials([scope]);
        var before = org.Org.Fingerprint();

        using var refused = await CallAsync(org, scope, await org.NewTokenAsync(clientId: without.ClientId, secret: without.ClientSecret), ids);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(scope, await Json.MessageAsync(refused), StringComparison.Ordinal);
        Assert.Equal(before, org.Org.Fingerprint());

        using var allowed = await CallAsync(org, scope, await org.NewTokenAsync(clientId: only.ClientId, secret: only.ClientSecret), ids);
        Assert.True(allowed.IsSuccessStatusCode, $"{scope}: {(int)allowed.StatusCode} {await allowed.Content.ReadAsStringAsync()}");
        Assert.Equal(scope, org.Org.CallLog().Last().Permission);
    }

    [Theory]
    [MemberData(nameof(ListScopes))]
    public async Task Given_a_sub_who_is_not_a_Site_Admin_When_listing_Then_200_with_nothing_and_with_the_rule_off_rows_come_back(string scope)
    {
        var org = await V3Org.CreateAsync();
        var nonAdmin = org.AddUser(siteAdmin: false);
        var path = HarvestV3Scopes.Get(scope).PathTemplate.TrimStart('/') + "?per_page=5";

        using var hidden = await org.GetAsync(path, sub: nonAdmin);
        var asAdmin = await org.ListAsync(path, sub: org.SiteAdminId);
        org.Org.V3Options = org.Org.V3Options with { ListsRequireSiteAdmin = false };
        var ruleOff = await org.ListAsync(path, sub: nonAdmin);

        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        Assert.Empty(await Json.ReadArrayAsync(hidden));
        Assert.Null(Links.Header(hidden));
        Assert.NotEmpty(asAdmin);
        Assert.Equal(asAdmin.Ids(), ruleOff.Ids());
    }

    [Fact]
    public async Task Given_a_sub_who_is_not_a_Site_Admin_When_writing_Then_the_write_is_allowed_and_attributed_to_that_user()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var nonAdmin = org.AddUser(siteAdmin: false);

        using var created = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids), sub: nonAdmin);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var interview = org.Org.FindScheduledInterview((await Json.ReadAsync(created))!.Id())!;
        Assert.Equal(nonAdmin, interview.OrganizerUserId);
    }

    [Fact]
    public async Task Given_the_token_user_is_deactivated_after_issuance_When_calling_Then_403()
    {
        var org = await V3Org.CreateAsync();
        var user = org.AddUser(siteAdmin: true);
        var token = await org.NewTokenAsync(user);

        org.Org.DisableUser(user);
        using var response = await org.GetAsync("v3/offices", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("deactivated", await Json.MessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_sub_who_cannot_manage_applications_When_writing_interviews_Then_403_but_notes_are_allowed()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var user = org.AddUser(siteAdmin: true, canManageApplications: false);
        var before = org.Org.Fingerprint();

        using var create = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids), sub: user);
        using var delete = await org.DeleteAsync($"v3/interviews/{ids.ActionableInterviewId}", sub: user);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(before, org.Org.Fingerprint());
        using var note = await org.PostAsync("v3/notes",
            $$"""{"candidate_id":{{ids.CandidateId}},"user_id":{{user}},"body":"x","visibility":"private","note_type":"NOTE"}""", sub: user);
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
    }

    [Fact]
    public async Task Given_a_v3_token_When_calling_v1_Then_401_since_v1_takes_only_Basic_API_keys()
    {
        var org = await V3Org.CreateAsync();

        using var response = await org.Http.SendAsync(V3Org.Request(HttpMethod.Get, org.Url("v1/jobs"), await org.TokenAsync()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Given_a_confidential_job_When_listing_v3_jobs_Then_it_is_hidden_unless_the_sub_is_on_its_hiring_team()
    {
        var org = await V3Org.CreateAsync();
        var data = org.Org.Data;
        Store.Job job;
        lock (data.Gate)
        {
            job = data.Jobs.Items[0];
            job.Confidential = true;
        }

        var teamMember = job.Recruiters[0].UserId;
        lock (data.Gate)
        {
            data.Users.Find(teamMember)!.SiteAdmin = true;
        }

        Assert.Empty(await org.ListAsync($"v3/jobs?ids={job.Id}"));
        Assert.Single(await org.ListAsync($"v3/jobs?ids={job.Id}", sub: teamMember));
        org.Org.V3Options = org.Org.V3Options with { HideConfidentialJobs = false };
        var shown = Assert.Single(await org.ListAsync($"v3/jobs?ids={job.Id}"));
        Assert.True(shown!["confidential"]!.GetValue<bool>());
    }
}
