using System.Net;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>
/// Every v3 list takes exactly its documented query parameters: the common ones plus the filters the public v3
/// reference documents for it. Anything else is a 422 naming it.
/// </summary>
public sealed class V3StrictParameterTests
{
    private static readonly string[] Common = ["per_page", "ids", "created_at", "updated_at", "fields"];

    /// <summary>The public v3 reference's filters per list endpoint, beyond the common ones (written out here, not read from the sandbox).</summary>
    private static readonly Dictionary<string, string[]> Documented = new()
    {
        ["application_stages"] = ["application_ids", "job_interview_stage_ids", "current"],
        ["applications"] =
        [
            "candidate_ids", "job_ids", "prospective_job_ids", "job_post_ids", "source_ids", "referrer_ids", "stage_ids", "status", "stage_name",
            "custom_field_option_id", "last_activity_at", "prospect",
        ],
        ["candidates"] = ["last_activity_at", "custom_field_option_id", "private", "email", "tag"],
        ["users"] =
        [
            "agency_ids", "office_ids", "department_ids", "linked_candidate_ids", "interviewer_tag_ids", "employee_ids", "custom_field_option_id",
            "deactivated", "primary_email", "external_office_id", "external_department_id", "show_service_accounts",
        ],
        ["user_emails"] = ["user_ids", "email", "verified", "verification_token_sent_at"],
        ["jobs"] = ["opened_at", "closed_at", "requisition_id", "department_id", "office_id", "custom_field_option_id", "confidential", "status"],
        ["job_owners"] = ["user_ids", "job_ids", "type"],
        ["job_hiring_managers"] = ["user_ids", "job_ids"],
        ["departments"] = ["parent_id", "external_id"],
        ["offices"] = ["parent_id", "external_id"],
        ["job_posts"] = ["job_ids", "job_board_ids", "active", "featured", "live", "internal"],
        ["job_interview_stages"] = ["job_ids", "active"],
        ["job_interviews"] = ["job_interview_stage_ids", "job_ids", "active", "scheduling_type"],
        ["interview_kits"] = ["job_ids", "job_interview_ids"],
        ["default_interviewers"] = ["user_ids", "interview_kit_ids"],
        ["interviews"] =
        [
            "job_ids", "application_ids", "job_interview_ids", "organizer_ids", "starts_at", "ends_at", "all_day_start_on", "all_day_end_on",
            "external_event_id", "status",
        ],
        ["interviewers"] = ["interview_ids", "user_ids", "scorecard_ids", "response_status"],
        ["notes"] = ["candidate_ids", "user_ids", "application_ids", "type", "visibility"],
    };

    public static TheoryData<string> Resources => new(Documented.Keys);

    /// <summary>A well-formed value for a parameter (enumerations depend on the endpoint).</summary>
    private static string Sample(string resource, string parameter) => parameter switch
    {
        "per_page" => "1",
        "fields" => "id",
        "status" => resource switch { "applications" => "active", "jobs" => "open", _ => "scheduled" },
        "type" => resource == "notes" ? "NOTE" : "recruiter",
        "scheduling_type" => "needs_scheduling",
        "response_status" => "accepted",
        "visibility" => "publicly_visible",
        "current" or "active" or "featured" or "live" or "internal" or "confidential" or "private" or "prospect" or "deactivated"
            or "show_service_accounts" or "verified" => "true",
        "department_id" or "office_id" or "parent_id" or "custom_field_option_id" => "1",
        _ when parameter == "ids" || parameter.EndsWith("_ids", StringComparison.Ordinal) => "1,2",
        _ when parameter.EndsWith("_at", StringComparison.Ordinal) || parameter.EndsWith("_on", StringComparison.Ordinal) => "gte|2000-01-01",
        _ => "x",
    };

    [Fact]
    public void Given_the_documented_table_When_comparing_with_the_sandbox_scopes_Then_every_v3_list_is_covered()
    {
        var lists = HarvestV3Scopes.All.Where(s => s.Method == "GET").Select(s => s.PathTemplate["/v3/".Length..]).Order();

        Assert.Equal(Documented.Keys.Order(), lists);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Given_each_documented_parameter_When_listing_with_it_alone_Then_200(string resource)
    {
        var org = await V3Org.CreateAsync();

        foreach (var parameter in Common.Concat(Documented[resource]))
        {
            using var response = await org.GetAsync($"v3/{resource}?{parameter}={Uri.EscapeDataString(Sample(resource, parameter))}");
            Assert.True(response.StatusCode == HttpStatusCode.OK,
                $"{resource}?{parameter}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Given_filters_other_endpoints_document_When_sent_to_this_one_Then_422_naming_each_of_them(string resource)
    {
        var org = await V3Org.CreateAsync();
        var foreign = Documented.Values.SelectMany(f => f).Distinct().Except(Documented[resource]).Append("bogus").ToList();
        var token = await org.TokenAsync();
        var before = org.Org.CallLog().Count;

        using var response = await org.GetAsync(token: token, pathAndQuery: $"v3/{resource}?per_page=5&" + string.Join('&', foreign.Select(f => $"{f}={Uri.EscapeDataString(Sample(resource, f))}")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = (JsonObject)(await Json.ReadAsync(response))!;
        Assert.Equal("Validation error", body["message"]!.GetValue<string>());
        Assert.Equal(foreign, await Json.ErrorFieldsAsync(response));
        Assert.All(body["errors"]!.AsArray(), e => Assert.Equal("Unknown query parameter", e!["message"]!.GetValue<string>()));
        Assert.Equal(before + 1, org.Org.CallLog().Count);
    }

    [Fact]
    public async Task Given_job_interview_ids_When_listing_default_interviewers_Then_the_exact_422_body_names_it()
    {
        var org = await V3Org.CreateAsync();
        var step = org.Org.FindSchedulingTarget()!.InterviewStepId;

        using var response = await org.GetAsync($"v3/default_interviewers?job_interview_ids={step}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("""{"message":"Validation error","errors":[{"message":"Unknown query parameter","field":"job_interview_ids"}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("v3/applications?Job_Ids=1")]
    [InlineData("v3/applications?page=2")]
    [InlineData("v3/users?email=a@b.example")]
    [InlineData("v3/jobs?department_ids=1")]
    [InlineData("v3/jobs?job_ids=1")]
    [InlineData("v3/interviews?interview_ids=1")]
    [InlineData("v3/offices?skip_count=true")]
    public async Task Given_a_near_miss_or_a_v1_parameter_When_listing_Then_422_naming_it(string path)
    {
        var org = await V3Org.CreateAsync();

        using var response = await org.GetAsync(path);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal([path[(path.IndexOf('?') + 1)..path.IndexOf('=')]], await Json.ErrorFieldsAsync(response));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Given_a_permission_probe_When_calling_GET_with_per_page_1_Then_200_with_at_most_one_row(string resource)
    {
        var org = await V3Org.CreateAsync();

        var rows = await org.ListAsync($"v3/{resource}?per_page=1", sub: org.SiteAdminId);

        Assert.InRange(rows.Count, 0, 1);
    }

    [Fact]
    public async Task Given_a_documented_filter_When_following_the_cursor_Then_later_pages_keep_it_without_restating_it()
    {
        var org = await V3Org.CreateAsync();
        var job = org.Org.ListJobs().First(j => j.Status == "open").Id;

        var (items, pages) = await org.ReadAllPagesAsync($"v3/job_owners?job_ids={job}&per_page=1");

        Assert.True(pages.Count > 1);
        Assert.All(pages.Skip(1), p => Assert.StartsWith("?cursor=", p.Url.Query, StringComparison.Ordinal));
        Assert.All(items, r => Assert.Equal(job, r["job_id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Given_fields_When_listing_Then_rows_carry_only_those_members_and_an_unknown_one_is_422()
    {
        var org = await V3Org.CreateAsync();

        var rows = await org.ListAsync("v3/jobs?fields=name,id&per_page=3");
        using var unknown = await org.GetAsync("v3/jobs?fields=id,hiring_team");

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(["id", "name"], r!.AsObject().Select(p => p.Key)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(["fields"], await Json.ErrorFieldsAsync(unknown));
    }

    [Theory]
    [InlineData("v3/jobs?custom_field_option_id=1")]
    [InlineData("v3/applications?referrer_ids=1")]
    [InlineData("v3/users?agency_ids=1")]
    [InlineData("v3/job_posts?job_board_ids=1")]
    public async Task Given_a_documented_filter_over_data_the_sandbox_does_not_hold_When_listing_Then_it_is_accepted_and_matches_nothing(string path)
    {
        var org = await V3Org.CreateAsync();

        Assert.Empty(await org.ListAsync(path));
    }
}
