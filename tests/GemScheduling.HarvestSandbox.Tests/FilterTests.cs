using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class FilterTests
{
    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    private static async Task<JsonArray> All(TestOrg org, string pathAndQuery)
    {
        var (items, _) = await org.ReadAllPagesAsync(pathAndQuery);
        return new JsonArray(items.Select(i => i.DeepClone()).ToArray());
    }

    [Theory]
    [InlineData("active")]
    [InlineData("rejected")]
    [InlineData("hired")]
    [InlineData("converted")]
    public async Task Given_a_status_When_listing_applications_Then_only_that_status(string status)
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var rows = await All(org, $"v1/applications?status={status}&per_page=500");

        Assert.All(rows, r => Assert.Equal(status, r!["status"]!.GetValue<string>()));
        Assert.Equal(org.Org.ListApplications().Count(a => a.Status == status), rows.Count);
    }

    [Fact]
    public async Task Given_an_unknown_status_When_listing_applications_Then_an_empty_list_not_an_error()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        using var response = await org.GetAsync("v1/applications?status=in_process");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await Json.ReadArrayAsync(response));
    }

    [Fact]
    public async Task Given_created_after_and_before_When_listing_applications_Then_after_is_inclusive_and_before_exclusive()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var pivot = org.Org.ListApplications()[17];

        var after = (await All(org, $"v1/applications?per_page=500&created_after={Iso(pivot.AppliedAt)}")).Ids();
        var before = (await All(org, $"v1/applications?per_page=500&created_before={Iso(pivot.AppliedAt)}")).Ids();

        Assert.Contains(pivot.Id, after);
        Assert.DoesNotContain(pivot.Id, before);
        Assert.Equal(org.Org.Summary().Applications, after.Count + before.Count);
    }

    [Fact]
    public async Task Given_last_activity_after_and_job_id_When_listing_applications_Then_both_apply()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var apps = org.Org.ListApplications();
        var jobId = apps[0].Jobs[0].Id;
        var since = apps.Select(a => a.LastActivityAt).Order().ElementAt(apps.Count / 2);

        var rows = await All(org, $"v1/applications?job_id={jobId}&last_activity_after={Iso(since)}");

        var expected = apps.Where(a => a.Jobs.Any(j => j.Id == jobId) && a.LastActivityAt >= since).Select(a => a.Id).ToList();
        Assert.Equal(expected, rows.Ids());
        Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task Given_an_unparseable_date_When_listing_Then_422_naming_the_field()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        using var response = await org.GetAsync("v1/candidates?updated_after=yesterday&created_before=2026-02-30");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["updated_after", "created_before"], (await Json.ErrorFieldsAsync(response)).Order().Reverse().ToList());
    }

    [Fact]
    public async Task Given_an_email_When_listing_candidates_Then_exact_match_on_any_address_and_candidate_ids_are_ignored()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var candidate = org.Org.GetCandidate(org.Org.ListApplications()[3].CandidateId);
        var other = org.Org.GetCandidate(org.Org.ListApplications()[4].CandidateId);
        var email = candidate.EmailAddresses[0].Value;

        var rows = await All(org, $"v1/candidates?email={Uri.EscapeDataString(email)}&candidate_ids={other.Id}");
        var partial = await All(org, $"v1/candidates?email={Uri.EscapeDataString(email[1..])}");

        Assert.Equal([candidate.Id], rows.Ids());
        Assert.Empty(partial);
    }

    [Fact]
    public async Task Given_candidate_ids_When_listing_candidates_Then_those_and_at_most_50()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = (await org.GetJsonAsync("v1/candidates?per_page=60")).AsArray().Ids();

        var two = await All(org, $"v1/candidates?candidate_ids={ids[5]},{ids[2]}");
        using var tooMany = await org.GetAsync($"v1/candidates?candidate_ids={string.Join(',', ids.Take(51))}");

        Assert.Equal([ids[2], ids[5]], two.Ids());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Equal(["candidate_ids"], await Json.ErrorFieldsAsync(tooMany));
    }

    [Fact]
    public async Task Given_a_job_id_When_listing_candidates_Then_applicants_to_that_job_without_prospects_with_embedded_applications()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var jobId = org.Org.ListApplications().First(a => !a.Prospect).Jobs[0].Id;

        var rows = await All(org, $"v1/candidates?job_id={jobId}&per_page=50");

        Assert.NotEmpty(rows);
        Assert.All(rows, c =>
        {
            var applications = c!["applications"]!.AsArray();
            Assert.Contains(applications, a => !a!["prospect"]!.GetValue<bool>() && a["jobs"]!.AsArray().Any(j => j!.Id() == jobId));
            Assert.Equal(c["application_ids"]!.AsArray().Select(x => x!.GetValue<long>()), applications.Ids());
        });
    }

    [Fact]
    public async Task Given_updated_filters_When_listing_candidates_Then_window_applies()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var candidates = (await All(org, "v1/candidates?per_page=500")).Select(c => (Id: c!.Id(), Updated: DateTimeOffset.Parse(c!["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture))).ToList();
        var from = candidates.Select(c => c.Updated).Order().ElementAt(50);
        var to = candidates.Select(c => c.Updated).Order().ElementAt(120);

        var rows = await All(org, $"v1/candidates?updated_after={Iso(from)}&updated_before={Iso(to)}&per_page=500");

        Assert.Equal(candidates.Where(c => c.Updated >= from && c.Updated < to).Select(c => c.Id), rows.Ids());
    }

    [Fact]
    public async Task Given_a_secondary_email_or_employee_id_When_listing_users_Then_the_single_matching_user()
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { RateLimit = null, Seed = 7 });
        var users = org.Org.ListUsers();
        var withSecondary = users.First(u => u.Emails.Count > 1);
        var withEmployeeId = users.First(u => u.EmployeeId is not null);

        var bySecondary = await All(org, $"v1/users?email={Uri.EscapeDataString(withSecondary.Emails[1])}");
        var byPrimary = await All(org, $"v1/users?email={Uri.EscapeDataString(withSecondary.PrimaryEmailAddress)}");
        var byEmployee = await All(org, $"v1/users?employee_id={withEmployeeId.EmployeeId}");

        Assert.Equal([withSecondary.Id], bySecondary.Ids());
        Assert.Equal([withSecondary.Id], byPrimary.Ids());
        Assert.Equal([withEmployeeId.Id], byEmployee.Ids());
        Assert.Null(bySecondary[0]!.AsObject()["custom_fields"]);
    }

    [Fact]
    public async Task Given_created_before_and_user_attributes_When_listing_users_Then_filtered_with_custom_fields()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var users = org.Org.ListUsers();
        var pivot = users.Select(u => u.CreatedAt).Order().ElementAt(10);

        var rows = await All(org, $"v1/users?created_before={Iso(pivot)}&user_attributes=true");

        Assert.Equal(users.Where(u => u.CreatedAt < pivot).Select(u => u.Id), rows.Ids());
        Assert.All(rows, r => Assert.NotNull(r!["custom_fields"]));
    }

    [Fact]
    public async Task Given_interview_filters_When_listing_for_an_application_Then_external_event_id_and_actionable_apply()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var harvest = org.Org.FindScheduledInterview(ids.ActionableInterviewId)!;
        var appId = harvest.ApplicationId;
        var ui = org.Org.CreateInterviewInUi(new NewUiInterview
        {
            ApplicationId = appId,
            InterviewStepId = harvest.InterviewStepId,
            Start = InterviewTime.At(DateTimeOffset.Parse("2030-02-01T15:00:00Z", CultureInfo.InvariantCulture)),
            End = InterviewTime.At(DateTimeOffset.Parse("2030-02-01T16:00:00Z", CultureInfo.InvariantCulture)),
            Interviewers = [new InterviewerSpec(ids.InterviewerId, null)],
            ExternalEventId = "calendar-sync-1",
        });

        var byEvent = await All(org, $"v1/applications/{appId}/scheduled_interviews?external_event_id={harvest.ExternalEventId}");
        var actionable = await All(org, $"v1/applications/{appId}/scheduled_interviews?actionable=true");
        var everything = await All(org, $"v1/applications/{appId}/scheduled_interviews");

        Assert.Equal([harvest.Id], byEvent.Ids());
        Assert.Contains(harvest.Id, actionable.Ids());
        Assert.DoesNotContain(ui, actionable.Ids());
        Assert.Contains(ui, everything.Ids());
        using var missing = await org.GetAsync("v1/applications/1/scheduled_interviews");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Given_actionable_When_the_application_is_rejected_Then_its_harvest_interviews_are_not_actionable()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var harvest = org.Org.FindScheduledInterview(ids.ActionableInterviewId)!;

        org.Org.RejectApplication(harvest.ApplicationId, "Candidate withdrew");
        var actionable = await All(org, $"v1/applications/{harvest.ApplicationId}/scheduled_interviews?actionable=true");

        Assert.Empty(actionable);
    }

    [Fact]
    public async Task Given_starts_and_ends_filters_When_listing_all_interviews_Then_window_applies()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var all = org.Org.ScheduledInterviews();
        var pivot = all.Select(i => i.Start.Instant).Order().ElementAt(all.Count / 2);

        var upcoming = await All(org, $"v1/scheduled_interviews?starts_after={Iso(pivot)}&per_page=100");
        var endedBefore = await All(org, $"v1/scheduled_interviews?ends_before={Iso(pivot)}&per_page=100");

        Assert.Equal(all.Where(i => i.Start.Instant >= pivot).Select(i => i.Id), upcoming.Ids());
        Assert.Equal(all.Where(i => i.End.Instant < pivot).Select(i => i.Id), endedBefore.Ids());
    }

    [Fact]
    public async Task Given_job_filters_When_listing_jobs_Then_status_department_office_and_requisition_apply()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var jobs = org.Org.ListJobs();
        var sample = jobs[1];

        var closed = await All(org, "v1/jobs?status=closed");
        var byDepartment = await All(org, $"v1/jobs?department_id={sample.Departments[0].Id}");
        var byOffice = await All(org, $"v1/jobs?office_id={sample.Offices[0].Id}");
        var byRequisition = await All(org, $"v1/jobs?requisition_id={sample.RequisitionId}");

        Assert.Equal(jobs.Where(j => j.Status == "closed").Select(j => j.Id), closed.Ids());
        Assert.True(closed.Count >= 2);
        Assert.Equal(jobs.Where(j => j.Departments.Any(d => d.Id == sample.Departments[0].Id)).Select(j => j.Id), byDepartment.Ids());
        Assert.Equal(jobs.Where(j => j.Offices.Any(o => o.Id == sample.Offices[0].Id)).Select(j => j.Id), byOffice.Ids());
        Assert.Equal([sample.Id], byRequisition.Ids());
    }

    [Fact]
    public async Task Given_a_job_id_When_retrieving_a_job_or_its_post_Then_found_or_404()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var job = org.Org.ListJobs().First(j => j.Status == "open");

        var retrieved = await org.GetJsonAsync($"v1/jobs/{job.Id}");
        var post = await org.GetJsonAsync($"v1/jobs/{job.Id}/job_post");
        using var missing = await org.GetAsync("v1/jobs/99/job_post");

        Assert.Equal(job.Id, retrieved.Id());
        Assert.Equal(job.Id, post["job_id"]!.GetValue<long>());
        Assert.True(post["external"]!.GetValue<bool>());
        Assert.True(post["live"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Given_job_post_flags_When_listing_posts_Then_live_active_and_internal_apply()
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { RateLimit = null, Scale = DataScale.Demo with { Jobs = 60 } });
        var all = await All(org, "v1/job_posts?per_page=500");

        foreach (var (flag, value) in new[] { ("live", true), ("live", false), ("active", false), ("internal", true), ("internal", false) })
        {
            var rows = await All(org, $"v1/job_posts?{flag}={value.ToString().ToLowerInvariant()}&per_page=500");
            var expected = all.Where(p => p![flag]!.GetValue<bool>() == value).Select(p => p!.Id()).ToList();
            Assert.Equal(expected, rows.Ids());
            Assert.NotEmpty(expected);
        }
    }

    [Fact]
    public async Task Given_job_stages_When_listing_Then_created_filters_apply_and_plans_carry_interview_steps()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var job = org.Org.ListJobs()[0];

        var stages = (await org.GetJsonAsync($"v1/jobs/{job.Id}/stages")).AsArray();
        var all = await All(org, "v1/job_stages?per_page=17");
        var none = await All(org, $"v1/job_stages?created_after={Iso(DateTimeOffset.UtcNow.AddYears(5))}");

        Assert.Contains(stages, s => !s!["active"]!.GetValue<bool>());
        Assert.InRange(stages.Count(s => s!["active"]!.GetValue<bool>()), 3, 6);
        Assert.All(stages, s => Assert.InRange(s!["interviews"]!.AsArray().Count, 1, 3));
        Assert.Contains(stages.SelectMany(s => s!["interviews"]!.AsArray()), i => !i!["schedulable"]!.GetValue<bool>());
        Assert.Equal(org.Org.Summary().JobStages, all.Count);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Given_offices_When_listing_as_tree_or_by_external_id_Then_shapes_follow()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var list = (await org.GetJsonAsync("v1/offices")).AsArray();
        var tree = (await org.GetJsonAsync("v1/offices?render_as=tree")).AsArray();
        var one = (await org.GetJsonAsync("v1/offices?external_id=office-001")).AsArray();

        Assert.Equal(7, list.Count);
        Assert.All(list, o => Assert.Null(o!.AsObject()["children"]));
        Assert.Equal(3, tree.Count);
        Assert.Equal(4, tree.Sum(o => o!["children"]!.AsArray().Count));
        Assert.Single(one);
        Assert.Equal("New York", one[0]!["name"]!.GetValue<string>());
    }
}
