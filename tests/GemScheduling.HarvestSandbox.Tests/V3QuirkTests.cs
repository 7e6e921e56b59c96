using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>
/// Behaviours the public v3 docs leave ambiguous, each behind a <see cref="HarvestV3Options"/> switch so a client can
/// be tested against both readings.
/// </summary>
public sealed class V3QuirkTests
{
    public static TheoryData<string> ListScopes => new(HarvestV3Scopes.All.Where(s => s.Method == "GET").Select(s => s.Id));

    [Theory]
    [MemberData(nameof(ListScopes))]
    public async Task Given_NonSiteAdminLists_Forbidden_When_a_non_Site_Admin_lists_Then_403_naming_the_Site_Admin_requirement(string scope)
    {
        var org = await V3Org.CreateAsync();
        org.Org.V3Options = org.Org.V3Options with { NonSiteAdminLists = V3NonSiteAdminLists.Forbidden };
        var nonAdmin = org.AddUser(siteAdmin: false);
        var path = HarvestV3Scopes.Get(scope).PathTemplate.TrimStart('/') + "?per_page=1";

        using var refused = await org.GetAsync(path, sub: nonAdmin);
        var asAdmin = await org.ListAsync(path, sub: org.SiteAdminId);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Site Admin", await Json.MessageAsync(refused), StringComparison.Ordinal);
        Assert.NotEmpty(asAdmin);
        Assert.Equal((scope, 403), org.Org.CallLog().Where(c => c.Sub == nonAdmin && c.Permission != "auth.token").Select(c => (c.Permission, c.Status)).Single());
    }

    [Fact]
    public async Task Given_NonSiteAdminLists_Forbidden_When_the_rule_is_off_or_the_call_is_a_write_Then_it_is_not_refused()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var nonAdmin = org.AddUser(siteAdmin: false);
        org.Org.V3Options = org.Org.V3Options with { NonSiteAdminLists = V3NonSiteAdminLists.Forbidden };

        using var write = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids), sub: nonAdmin);
        org.Org.V3Options = org.Org.V3Options with { ListsRequireSiteAdmin = false };
        var rows = await org.ListAsync("v3/jobs?per_page=2", sub: nonAdmin);

        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Given_NonSiteAdminLists_Empty_the_default_When_a_non_Site_Admin_lists_Then_200_with_an_empty_list()
    {
        var org = await V3Org.CreateAsync();
        var nonAdmin = org.AddUser(siteAdmin: false);

        using var response = await org.GetAsync("v3/users?per_page=5", sub: nonAdmin);

        Assert.Equal(V3NonSiteAdminLists.Empty, new HarvestV3Options().NonSiteAdminLists);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Given_ApplicationsCarryJobInterviewStageId_off_the_default_When_listing_applications_Then_the_field_is_absent_and_cannot_be_asked_for()
    {
        var org = await V3Org.CreateAsync();

        var rows = await org.ListAsync("v3/applications?per_page=20");
        using var asked = await org.GetAsync("v3/applications?fields=id,job_interview_stage_id");

        Assert.False(new HarvestV3Options().ApplicationsCarryJobInterviewStageId);
        Assert.All(rows, r => Assert.False(r!.AsObject().ContainsKey("job_interview_stage_id")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
        Assert.Equal(["fields"], await Json.ErrorFieldsAsync(asked));
    }

    [Fact]
    public async Task Given_ApplicationsCarryJobInterviewStageId_on_When_listing_applications_Then_it_is_the_current_job_interview_stage_and_null_for_prospects_and_terminal_ones()
    {
        var org = await V3Org.CreateAsync(new OrganizationOptions
        {
            RateLimit = null,
            V3 = new HarvestV3Options { RateLimit = null, ApplicationsCarryJobInterviewStageId = true },
        });
        var target = org.Org.FindSchedulingTarget()!;

        var (rows, _) = await org.ReadAllPagesAsync("v3/applications?per_page=500");
        var (current, _) = await org.ReadAllPagesAsync("v3/application_stages?current=true&per_page=500");
        var picked = Assert.Single(await org.ListAsync($"v3/applications?ids={target.ApplicationId}&fields=id,job_interview_stage_id"))!;

        var expected = current.ToDictionary(r => r["application_id"]!.GetValue<long>(), r => r["job_interview_stage_id"]!.GetValue<long>());
        Assert.All(rows, r => Assert.True(r.AsObject().ContainsKey("job_interview_stage_id")));
        Assert.Equal(expected.Count, rows.Count(r => r["job_interview_stage_id"] is not null));
        Assert.All(rows, r => Assert.Equal(expected.TryGetValue(r.Id(), out var stage) ? stage : null, r["job_interview_stage_id"]?.GetValue<long>()));
        Assert.All(rows.Where(r => r["prospect"]!.GetValue<bool>() || r["status"]!.GetValue<string>() != "in_process"),
            r => Assert.Null(r["job_interview_stage_id"]));
        Assert.Contains(rows, r => r["status"]!.GetValue<string>() == "rejected" && r["stage_id"] is not null);
        Assert.Equal(target.StageId, picked["job_interview_stage_id"]!.GetValue<long>());
        Assert.Equal(["id", "job_interview_stage_id"], picked.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Given_the_expires_in_default_When_requesting_a_token_Then_it_is_an_integer_count_of_seconds_the_token_honours()
    {
        var org = await V3Org.CreateAsync();

        using var response = await org.Http.SendAsync(org.TokenRequest());
        var body = (JsonObject)(await Json.ReadAsync(response))!;

        Assert.Equal(V3TokenExpiryField.ExpiresIn, new HarvestV3Options().TokenExpiryField);
        Assert.Equal(JsonValueKind.Number, body["expires_in"]!.GetValueKind());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
        Assert.False(body.ContainsKey("expires_at"));
        var token = Assert.Single(org.Org.V3Tokens());
        Assert.Equal(TimeSpan.FromSeconds(3600), token.ExpiresAt - token.IssuedAt);
        using var jobs = await org.GetAsync("v3/jobs?per_page=1", body["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }

    [Fact]
    public async Task Given_TokenExpiryField_ExpiresAt_When_requesting_a_token_Then_expires_at_is_an_ISO_8601_UTC_string_the_token_honours()
    {
        var org = await V3Org.CreateAsync(new OrganizationOptions
        {
            RateLimit = null,
            V3 = new HarvestV3Options { RateLimit = null, TokenExpiryField = V3TokenExpiryField.ExpiresAt, TokenLifetime = TimeSpan.FromSeconds(2) },
        });

        using var response = await org.Http.SendAsync(org.TokenRequest());
        var body = (JsonObject)(await Json.ReadAsync(response))!;
        var text = body["expires_at"]!.GetValue<string>();
        var expiresAt = DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var token = body["access_token"]!.GetValue<string>();
        using var before = await org.GetAsync("v3/jobs?per_page=1", token);
        await Task.Delay(Math.Max(0, (int)(expiresAt - DateTimeOffset.UtcNow).TotalMilliseconds) + 100);
        using var after = await org.GetAsync("v3/jobs?per_page=1", token);

        Assert.Equal(JsonValueKind.String, body["expires_at"]!.GetValueKind());
        Assert.False(body.ContainsKey("expires_in"));
        Assert.Equal(Assert.Single(org.Org.V3Tokens()).ExpiresAt, expiresAt);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Given_the_admin_API_When_putting_the_new_switches_Then_they_read_back_and_take_effect()
    {
        var org = await V3Org.CreateAsync();
        var nonAdmin = org.AddUser(siteAdmin: false);
        using var http = new HttpClient { BaseAddress = org.Server.AdminAddress };

        var defaults = (await Json.ReadAsync(await http.GetAsync($"orgs/{org.Org.Id}/v3/options")))!;
        using var put = await http.PutAsJsonAsync($"orgs/{org.Org.Id}/v3/options", new { non_site_admin_lists = "forbidden", applications_carry_job_interview_stage_id = true });
        var updated = (await Json.ReadAsync(put))!;
        var scopes = (await Json.ReadAsync(await http.GetAsync("v3/scopes")))!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        using var refused = await org.GetAsync("v3/jobs", sub: nonAdmin);
        var app = (await org.ListAsync("v3/applications?per_page=1"))[0]!;

        Assert.Equal(("empty", false), (defaults["non_site_admin_lists"]!.GetValue<string>(), defaults["applications_carry_job_interview_stage_id"]!.GetValue<bool>()));
        Assert.Equal(("forbidden", true), (updated["non_site_admin_lists"]!.GetValue<string>(), updated["applications_carry_job_interview_stage_id"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(app.AsObject().ContainsKey("job_interview_stage_id"));
        Assert.Equal(HarvestV3Scopes.AllIds, scopes);
        Assert.Contains("harvest:interview_kits:list", scopes);
        Assert.Contains("harvest:user_emails:list", scopes);
    }
}
