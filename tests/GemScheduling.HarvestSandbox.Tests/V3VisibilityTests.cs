using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>
/// A confidential job (<see cref="HarvestV3Options.HideConfidentialJobs"/>) is visible only to a <c>sub</c> on its hiring
/// team, and so is every v3 row that belongs to it.
/// </summary>
public sealed class V3VisibilityTests
{
    private static readonly string[] Resources =
    [
        "jobs", "job_posts", "job_interview_stages", "job_interviews", "interview_kits", "default_interviewers", "job_owners",
        "job_hiring_managers", "applications", "application_stages", "interviews", "interviewers",
    ];

    /// <summary>A job with posts, applications, scheduled interviews with panels and default interviewers.</summary>
    private static long RichJob(V3Org org) =>
        org.Org.ScheduledInterviews().Where(i => i.Interviewers.Count > 0)
            .Select(i => org.Org.GetApplication(i.ApplicationId).Jobs.Single().Id)
            .First(job => org.Org.GetJobStages(job).SelectMany(s => s.Interviews).Any(i => i.DefaultInterviewerUsers.Count > 0) &&
                          org.Org.GetJob(job).HiringTeam.HiringManagers.Count > 0);

    private static async Task<Dictionary<string, List<JsonNode>>> ReadAllAsync(V3Org org, long sub)
    {
        var result = new Dictionary<string, List<JsonNode>>();
        foreach (var resource in Resources)
        {
            result[resource] = (await org.ReadAllPagesAsync($"v3/{resource}?per_page=500", sub)).Items;
        }

        return result;
    }

    /// <summary>The ids of the rows of <paramref name="job"/> in each resource, as a viewer who sees it reads them.</summary>
    private static Dictionary<string, HashSet<long>> RowsOf(Dictionary<string, List<JsonNode>> view, long job)
    {
        HashSet<long> Where(string resource, Func<JsonNode, bool> belongs) => view[resource].Where(belongs).Select(r => r.Id()).ToHashSet();
        bool OfJob(JsonNode r) => r["job_id"]?.GetValue<long>() == job;

        var rows = Resources.ToDictionary(r => r, r => Where(r, OfJob));
        rows["jobs"] = Where("jobs", r => r.Id() == job);
        rows["default_interviewers"] = Where("default_interviewers", r => rows["interview_kits"].Contains(r["interview_kit_id"]!.GetValue<long>()));
        rows["application_stages"] = Where("application_stages", r => rows["applications"].Contains(r["application_id"]!.GetValue<long>()));
        rows["interviewers"] = Where("interviewers", r => rows["interviews"].Contains(r["interview_id"]!.GetValue<long>()));
        return rows;
    }

    [Fact]
    public async Task Given_a_confidential_job_When_a_Site_Admin_off_its_team_lists_anything_Then_the_job_and_all_its_rows_are_missing_and_the_rest_is_unchanged()
    {
        var org = await V3Org.CreateAsync();
        var job = RichJob(org);
        var outsider = org.AddUser(siteAdmin: true);
        var coordinator = org.AddUser(siteAdmin: true);
        org.Org.AddJobOwner(job, coordinator, JobOwnerType.Coordinator);
        org.Org.SetJobConfidential(job, true);

        var team = await ReadAllAsync(org, coordinator);
        var outside = await ReadAllAsync(org, outsider);

        var rowsOfJob = RowsOf(team, job);
        foreach (var resource in Resources)
        {
            Assert.True(rowsOfJob[resource].Count > 0, $"{resource}: the team member sees no row of the job");
            Assert.Equal(team[resource].Select(r => r.Id()).Where(id => !rowsOfJob[resource].Contains(id)), outside[resource].Select(r => r.Id()));
        }

        Assert.Contains(coordinator, org.Org.ConfidentialJobs().Single(t => t.JobId == job).UserIds);
        Assert.DoesNotContain(outsider, org.Org.ConfidentialJobs().SelectMany(t => t.UserIds));
    }

    [Theory]
    [InlineData("hiring_manager")]
    [InlineData("recruiter")]
    [InlineData("sourcer")]
    public async Task Given_a_confidential_job_When_the_sub_is_on_its_hiring_team_in_any_role_Then_its_rows_are_visible(string role)
    {
        var org = await V3Org.CreateAsync();
        var job = RichJob(org);
        var user = org.AddUser(siteAdmin: true);
        org.Org.SetJobConfidential(job, true);
        var before = await org.ListAsync($"v3/applications?job_ids={job}&per_page=500", sub: user);

        if (role == "hiring_manager")
        {
            org.Org.AddHiringManager(job, user);
        }
        else
        {
            org.Org.AddJobOwner(job, user, role == "recruiter" ? JobOwnerType.Recruiter : JobOwnerType.Sourcer);
        }

        var jobs = await org.ListAsync($"v3/jobs?ids={job}", sub: user);
        var applications = await org.ListAsync($"v3/applications?job_ids={job}&per_page=500", sub: user);

        Assert.Empty(before);
        Assert.True(Assert.Single(jobs)!["confidential"]!.GetValue<bool>());
        Assert.Equal(org.Org.ListApplications().Where(a => a.Jobs.Any(j => j.Id == job)).Select(a => a.Id).OrderDescending(), applications.Ids());
    }

    [Fact]
    public async Task Given_HideConfidentialJobs_off_When_an_outsider_lists_Then_the_confidential_job_and_its_rows_are_there()
    {
        var org = await V3Org.CreateAsync();
        var job = RichJob(org);
        var outsider = org.AddUser(siteAdmin: true);
        org.Org.SetJobConfidential(job, true);

        var hidden = await org.ListAsync($"v3/interviews?job_ids={job}&per_page=500", sub: outsider);
        org.Org.V3Options = org.Org.V3Options with { HideConfidentialJobs = false };
        var shown = await org.ListAsync($"v3/interviews?job_ids={job}&per_page=500", sub: outsider);
        var jobRow = Assert.Single(await org.ListAsync($"v3/jobs?ids={job}", sub: outsider))!;

        Assert.Empty(hidden);
        Assert.NotEmpty(shown);
        Assert.True(jobRow["confidential"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Given_a_confidential_job_When_an_outsider_pages_with_a_cursor_Then_no_page_leaks_its_rows()
    {
        var org = await V3Org.CreateAsync();
        var job = RichJob(org);
        var outsider = org.AddUser(siteAdmin: true);
        org.Org.SetJobConfidential(job, true);

        var (rows, pages) = await org.ReadAllPagesAsync("v3/job_owners?per_page=7", outsider);

        Assert.True(pages.Count > 1);
        Assert.DoesNotContain(rows, r => r["job_id"]!.GetValue<long>() == job);
        Assert.Equal(rows.Count, rows.Select(r => r.Id()).Distinct().Count());
    }
}
