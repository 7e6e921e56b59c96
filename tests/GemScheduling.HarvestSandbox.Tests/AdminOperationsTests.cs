using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>Changes made "the way Greenhouse users do" show up on the Harvest surface.</summary>
public sealed class AdminOperationsTests
{
    [Fact]
    public async Task Given_a_job_closed_in_the_ui_When_reading_it_Then_status_closed_and_its_posts_are_not_live_and_reopening_works()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var jobId = org.Org.ListJobs().First(j => j.Status == "open").Id;

        org.Org.CloseJob(jobId);
        var closed = await org.GetJsonAsync($"v1/jobs/{jobId}");
        var posts = (await org.GetJsonAsync("v1/job_posts?per_page=500")).AsArray().Where(p => p!["job_id"]?.GetValue<long>() == jobId).ToList();
        org.Org.OpenJob(jobId);
        var reopened = await org.GetJsonAsync($"v1/jobs/{jobId}");

        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.NotNull(closed["closed_at"]);
        Assert.All(posts, p => Assert.False(p!["live"]!.GetValue<bool>()));
        Assert.Equal("open", reopened["status"]!.GetValue<string>());
        Assert.Null(reopened["closed_at"]);
    }

    [Fact]
    public async Task Given_a_new_interview_step_When_scheduling_against_it_Then_it_is_listed_and_accepted_until_its_stage_is_deactivated()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var stageId = org.Org.GetApplication(ids.ApplicationId).CurrentStage!.Id;

        var stepId = org.Org.AddInterviewStep(stageId, new NewInterviewStep { Name = "Bar Raiser", EstimatedMinutes = 45, DefaultInterviewerUserIds = [ids.InterviewerId] });
        var stages = (await org.GetJsonAsync($"v1/jobs/{ids.JobId}/stages")).AsArray();
        using var created = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids with { StepId = stepId }), ids.OrganizerId);
        org.Org.DeactivateStage(stageId);
        using var refused = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids with { StepId = stepId }), ids.OrganizerId);
        var stageAfter = (await org.GetJsonAsync($"v1/jobs/{ids.JobId}/stages")).AsArray().Single(s => s!.Id() == stageId)!;

        var step = stages.Single(s => s!.Id() == stageId)!["interviews"]!.AsArray().Single(i => i!.Id() == stepId)!;
        Assert.Equal("Bar Raiser", step["name"]!.GetValue<string>());
        Assert.Equal(45, step["estimated_minutes"]!.GetValue<int>());
        Assert.Equal(ids.InterviewerId, step["default_interviewer_users"]![0]!.Id());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.False(stageAfter["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Given_a_candidate_added_and_moved_and_hired_When_reading_Then_harvest_reflects_each_step()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var jobId = org.Org.ListJobs().First(j => j.Status == "open").Id;
        var stages = org.Org.GetJobStages(jobId).Where(s => s.Active).ToList();

        var added = org.Org.AddCandidate(new NewCandidate { FirstName = "Grace", LastName = "Hopper", Email = "grace@navy.example", JobId = jobId });
        var before = await org.GetJsonAsync($"v1/candidates?candidate_ids={added.CandidateId}");
        org.Org.MoveApplication(added.ApplicationId, stages[^1].Id);
        org.Org.HireApplication(added.ApplicationId);
        var application = (await org.GetJsonAsync($"v1/applications?job_id={jobId}&status=hired&per_page=500")).AsArray().Single(a => a!.Id() == added.ApplicationId)!;
        var feed = await org.GetJsonAsync($"v1/candidates/{added.CandidateId}/activity_feed");

        Assert.Equal(stages[0].Id, before[0]!["applications"]![0]!["current_stage"]!.Id());
        Assert.Equal(stages[^1].Id, application["current_stage"]!.Id());
        Assert.Equal(["Candidate Hired", "Candidate Stage Change"], feed["activities"]!.AsArray().Select(a => a!["subject"]!.GetValue<string>()));
        Assert.Throws<InvalidOperationException>(() => org.Org.RejectApplication(added.ApplicationId));
    }

    [Fact]
    public async Task Given_a_candidate_email_changed_When_searching_by_email_Then_the_new_address_matches_and_the_old_does_not()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var candidate = org.Org.GetCandidate(org.Org.ListApplications()[0].CandidateId);
        var oldEmail = candidate.EmailAddresses[0].Value;

        org.Org.UpdateCandidate(candidate.Id, new CandidateChanges { FirstName = "Renamed", Email = "renamed@new.example" });
        var byNew = (await org.GetJsonAsync("v1/candidates?email=renamed@new.example")).AsArray();
        var byOld = (await org.GetJsonAsync($"v1/candidates?email={Uri.EscapeDataString(oldEmail)}")).AsArray();

        Assert.Equal("Renamed", Assert.Single(byNew)!["first_name"]!.GetValue<string>());
        Assert.Empty(byOld);
        Assert.True(org.Org.GetCandidate(candidate.Id).UpdatedAt > candidate.UpdatedAt);
    }

    [Fact]
    public async Task Given_a_user_added_then_disabled_When_listing_and_writing_Then_listed_as_disabled_and_refused_as_on_behalf_of()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var userId = org.Org.AddUser(new NewUser { FirstName = "Katherine", LastName = "Johnson", Email = "kj@globex.example", SecondaryEmails = ["kj@home.example"], EmployeeId = "E-777" });

        using var asObo = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes", $$"""{"user_id":{{userId}},"body":"hi","visibility":"public"}""", userId);
        org.Org.DisableUser(userId);
        using var disabledObo = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes", $$"""{"user_id":{{userId}},"body":"hi","visibility":"public"}""", userId);
        var listed = (await org.GetJsonAsync("v1/users?email=kj@home.example")).AsArray();

        Assert.Equal(HttpStatusCode.OK, asObo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disabledObo.StatusCode);
        Assert.True(Assert.Single(listed)!["disabled"]!.GetValue<bool>());
        Assert.Equal("E-777", listed[0]!["employee_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Given_unknown_ids_When_calling_admin_operations_Then_not_found_exceptions()
    {
        var server = await SharedSandbox.GetAsync();
        var org = server.State.CreateOrganization(new OrganizationOptions { Scale = DataScale.Empty });

        Assert.Throws<SandboxNotFoundException>(() => org.CloseJob(1));
        Assert.Throws<SandboxNotFoundException>(() => org.DisableUser(1));
        Assert.Throws<SandboxNotFoundException>(() => org.DeleteInterviewInUi(1));
        Assert.Throws<SandboxNotFoundException>(() => server.State.GetOrganization("org_missing"));
        Assert.Throws<ArgumentException>(() => org.CreateApiKey(["not.a.permission"]));
    }
}
