using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>The v3 hiring team: <c>/v3/job_owners</c> (recruiters, coordinators, sourcers) and <c>/v3/job_hiring_managers</c>, the v1 <c>hiring_team</c>.</summary>
public sealed class V3HiringTeamTests
{
    [Fact]
    public async Task Given_jobs_with_hiring_teams_When_listing_job_owners_Then_one_row_per_role_matching_v1_and_sourcers_are_never_responsible()
    {
        var org = await V3Org.CreateAsync();

        var (owners, _) = await org.ReadAllPagesAsync("v3/job_owners?per_page=500");

        var expected = org.Org.ListJobs().SelectMany(j =>
            j.HiringTeam.Recruiters.Select(m => (j.Id, m.Id, "recruiter", m.Responsible))
                .Concat(j.HiringTeam.Coordinators.Select(m => (j.Id, m.Id, "coordinator", m.Responsible)))
                .Concat(j.HiringTeam.Sourcers.Select(m => (j.Id, m.Id, "sourcer", false))));
        Assert.Equal(expected.Order(), owners.Select(o => (o["job_id"]!.GetValue<long>(), o["user_id"]!.GetValue<long>(),
            o["type"]!.GetValue<string>(), o["responsible"]!.GetValue<bool>())).Order());
        Assert.Equal(owners.Select(o => o.Id()).OrderDescending(), owners.Select(o => o.Id()));
        Assert.All(owners, o => Assert.Equal(["id", "job_id", "user_id", "type", "responsible", "created_at", "updated_at"], o.AsObject().Select(p => p.Key)));
        Assert.Contains(owners, o => o["type"]!.GetValue<string>() == "sourcer");
        Assert.All(org.Org.ListJobs(), j => Assert.True(j.HiringTeam.Recruiters.Count(m => m.Responsible) <= 1));
    }

    [Fact]
    public async Task Given_job_ids_user_ids_and_type_When_listing_job_owners_Then_each_narrows_the_rows()
    {
        var org = await V3Org.CreateAsync();
        var job = org.Org.ListJobs()[1];
        var recruiter = job.HiringTeam.Recruiters[0].Id;

        var byJob = await org.ListAsync($"v3/job_owners?job_ids={job.Id}");
        var byType = await org.ListAsync($"v3/job_owners?job_ids={job.Id}&type=coordinator");
        var byTwoTypes = await org.ListAsync($"v3/job_owners?job_ids={job.Id}&type=coordinator,recruiter");
        var byUser = await org.ListAsync($"v3/job_owners?user_ids={recruiter}&per_page=500");
        using var badType = await org.GetAsync("v3/job_owners?type=hiring_manager");

        Assert.Equal(job.HiringTeam.Recruiters.Count + job.HiringTeam.Coordinators.Count + job.HiringTeam.Sourcers.Count, byJob.Count);
        Assert.Equal(job.HiringTeam.Coordinators.Select(m => m.Id).Order(), byType.Select(r => r!["user_id"]!.GetValue<long>()).Order());
        Assert.Equal(job.HiringTeam.Recruiters.Count + job.HiringTeam.Coordinators.Count, byTwoTypes.Count);
        Assert.All(byUser, r => Assert.Equal(recruiter, r!["user_id"]!.GetValue<long>()));
        Assert.Contains(byUser, r => r!["job_id"]!.GetValue<long>() == job.Id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badType.StatusCode);
        Assert.Equal(["type"], await Json.ErrorFieldsAsync(badType));
    }

    [Fact]
    public async Task Given_a_user_added_as_recruiter_and_coordinator_When_listing_Then_two_rows_and_the_new_responsible_recruiter_replaces_the_old()
    {
        var org = await V3Org.CreateAsync();
        var job = org.Org.ListJobs()[0].Id;
        var user = org.AddUser();

        var recruiterRow = org.Org.AddJobOwner(job, user, JobOwnerType.Recruiter, responsible: true);
        var coordinatorRow = org.Org.AddJobOwner(job, user, JobOwnerType.Coordinator);
        var rows = await org.ListAsync($"v3/job_owners?job_ids={job}&user_ids={user}");
        var recruiters = await org.ListAsync($"v3/job_owners?job_ids={job}&type=recruiter");

        Assert.Equal([coordinatorRow, recruiterRow], rows.Ids());
        Assert.Equal(["coordinator", "recruiter"], rows.Select(r => r!["type"]!.GetValue<string>()));
        Assert.Equal([recruiterRow], recruiters.Where(r => r!["responsible"]!.GetValue<bool>()).Select(r => r!.Id()));
        Assert.Throws<InvalidOperationException>(() => org.Org.AddJobOwner(job, user, JobOwnerType.Recruiter));
        Assert.Throws<ArgumentException>(() => org.Org.AddJobOwner(job, user, JobOwnerType.Sourcer, responsible: true));
        Assert.Throws<SandboxNotFoundException>(() => org.Org.AddJobOwner(job, 1, JobOwnerType.Sourcer));
        var candidate = org.Org.AddCandidate(new NewCandidate { FirstName = "New", LastName = "Applicant", JobId = job });
        Assert.Equal(user, org.Org.GetApplication(candidate.ApplicationId).Recruiter!.Id);
    }

    [Fact]
    public async Task Given_hiring_managers_When_listing_job_hiring_managers_Then_rows_match_v1_and_filter_by_job_and_user()
    {
        var org = await V3Org.CreateAsync();
        var job = org.Org.ListJobs()[2];
        var extra = org.AddUser();

        var added = org.Org.AddHiringManager(job.Id, extra);
        var (all, _) = await org.ReadAllPagesAsync("v3/job_hiring_managers?per_page=500");
        var byJob = await org.ListAsync($"v3/job_hiring_managers?job_ids={job.Id}");
        var byUser = Assert.Single(await org.ListAsync($"v3/job_hiring_managers?user_ids={extra}"))!;

        var expected = org.Org.ListJobs().SelectMany(j => j.HiringTeam.HiringManagers.Select(m => (j.Id, m.Id)));
        Assert.Equal(expected.Order(), all.Select(r => (r["job_id"]!.GetValue<long>(), r["user_id"]!.GetValue<long>())).Order());
        Assert.All(all, r => Assert.Equal(["id", "job_id", "user_id", "created_at", "updated_at"], r.AsObject().Select(p => p.Key)));
        Assert.Equal(added, byJob[0]!.Id());
        Assert.Equal(job.HiringTeam.HiringManagers.Count + 1, byJob.Count);
        Assert.Equal((added, job.Id), (byUser.Id(), byUser["job_id"]!.GetValue<long>()));
        Assert.Throws<InvalidOperationException>(() => org.Org.AddHiringManager(job.Id, extra));
    }

    [Fact]
    public async Task Given_the_admin_API_When_adding_to_a_hiring_team_and_marking_a_job_confidential_Then_the_team_and_its_confidential_jobs_are_exposed()
    {
        var org = await V3Org.CreateAsync();
        var job = org.Org.ListJobs()[3].Id;
        var user = org.AddUser();
        using var http = new HttpClient { BaseAddress = new Uri(org.Server.AdminAddress, $"orgs/{org.Org.Id}/") };

        using var owner = await http.PostAsync($"jobs/{job}/job_owners", Body($$"""{"user_id":{{user}},"type":"sourcer"}"""));
        using var manager = await http.PostAsync($"jobs/{job}/hiring_managers", Body($$"""{"user_id":{{user}}}"""));
        using var responsibleRecruiter = await http.PostAsync($"jobs/{job}/job_owners", Body($$"""{"user_id":{{user}},"type":"recruiter","responsible":true}"""));
        using var confidential = await http.PutAsync($"jobs/{job}/confidential", Body("""{"value":true}"""));
        var team = (await Json.ReadAsync(await http.GetAsync($"jobs/{job}/hiring_team")))!;
        var confidentialJobs = (await Json.ReadAsync(await http.GetAsync("confidential_jobs")))!.AsArray();

        Assert.Equal(HttpStatusCode.Created, owner.StatusCode);
        Assert.Equal(HttpStatusCode.Created, manager.StatusCode);
        Assert.Equal(HttpStatusCode.Created, responsibleRecruiter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, confidential.StatusCode);
        Assert.True(team["confidential"]!.GetValue<bool>());
        Assert.Contains(user, team["user_ids"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Contains(team["owners"]!.AsArray(), o => o!["user_id"]!.GetValue<long>() == user && o["type"]!.GetValue<string>() == "sourcer");
        var listed = Assert.Single(confidentialJobs, j => j!["job_id"]!.GetValue<long>() == job)!;
        Assert.Equal(team["user_ids"]!.ToJsonString(), listed["user_ids"]!.ToJsonString());
        Assert.Equal(org.Org.ListJobs().Count(j => j.Confidential), confidentialJobs.Count);
    }

    private static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
