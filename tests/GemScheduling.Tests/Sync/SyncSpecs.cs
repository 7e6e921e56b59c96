using GemScheduling.Greenhouse;
using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Sync;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GemScheduling.Tests.Sync;

/// <summary>The sync copies Greenhouse into the PostgreSQL read model across a 3-silo cluster, inside the rate limit.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed partial class SyncSpecs(PostgresClusterFixture cluster, SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    // With the fixture's 3 records per page, every kind spans at least 10 pages.
    private static readonly DataScale Scale = DataScale.Demo with { Offices = 30, Departments = 4, Users = 30, Jobs = 30, Candidates = 30, Applications = 40 };

    private IGreenhouseReadModel ReadModel => cluster.ClientServices.GetRequiredService<IGreenhouseReadModel>();

    private async Task<(string OrgId, SandboxTenant Tenant)> ConnectedOrg(string apiVersion, int? rateLimit = 50)
    {
        var tenant = sandbox.NewOrg(Scale, rateLimit: rateLimit, seed: 7);
        var orgId = ApiTokens.NewOrgId();
        await cluster.Grains.GetGrain<IOrgGrain>(orgId).Create("Sync test", "test");
        var organizer = tenant.Org.ListUsers().First(u => !u.Disabled).PrimaryEmailAddress;
        await cluster.Grains.GetGrain<IOrgGrain>(orgId).ConnectGreenhouse(tenant.ConnectRequest(apiVersion, organizer, v3RateLimit: V3Limit(rateLimit)), "test");
        return (orgId, tenant);
    }

    // v3 counts per 30 s instead of 10 s, and joins stages and applications with their children: twice the v1 limit
    // keeps the test as short while the budget still has to spread the pass over several windows.
    private static int? V3Limit(int? v1Limit) => v1Limit * 2;

    /// <summary>The list call that reads each kind's pages (v3 also reads children of each page, which are not pages).</summary>
    private static readonly Dictionary<string, string[]> PageEndpoints = new()
    {
        ["v1"] = ["offices.list", "users.list", "jobs.list", "job_posts.list", "job_stages.list", "candidates.list", "applications.list"],
        ["v3"] = ["harvest:offices:list", "harvest:users:list", "harvest:jobs:list", "harvest:job_posts:list", "harvest:job_interview_stages:list", "harvest:candidates:list", "harvest:applications:list"],
    };

    private async Task<SyncStatus> SyncAndWait(string orgId, SyncMode mode, TimeSpan? timeout = null)
    {
        var sync = cluster.Grains.GetGrain<ISyncGrain>(orgId);
        var started = await sync.Start(mode, "test");
        return await WaitFor(orgId, started.PassId!, timeout ?? TimeSpan.FromSeconds(120));
    }

    private async Task<SyncStatus> WaitFor(string orgId, string passId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await cluster.Grains.GetGrain<ISyncGrain>(orgId).GetStatus();
            if (status.PassId == passId && status.State != SyncStatus.Running)
                return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"sync {passId} still {status.State}: {string.Join(", ", status.Kinds.Select(k => $"{k.Kind} {k.PagesDone}/{k.PagesTotal} {k.LastError}"))}");
            await Task.Delay(250);
        }
    }

    private async Task<List<long>> Ids<T>(string orgId) where T : class
    {
        var ids = new List<long>();
        var query = new ReadQuery { Limit = 500 };
        while (true)
        {
            var page = await ReadModel.ListAsync<T>(orgId, query);
            ids.AddRange(page.Items.Select(item => (long)item.GetType().GetProperty("Id")!.GetValue(item)!));
            if (page.NextAfterId is null)
                return ids;
            query = query with { AfterId = page.NextAfterId };
        }
    }

    [SkippableTheory]
    [InlineData("v1")]
    [InlineData("v3")]
    public async Task Given_a_connected_org_when_a_full_sync_runs_then_every_kind_spans_10_pages_and_equals_the_sandbox_with_no_429(string apiVersion)
    {
        await PostgresServer.EnsureAvailableAsync();
        var (orgId, tenant) = await ConnectedOrg(apiVersion, rateLimit: 50);

        var status = await SyncAndWait(orgId, SyncMode.Full);

        Assert.Equal(SyncStatus.Succeeded, status.State);
        Assert.All(status.Kinds, k =>
        {
            Assert.True(k.PagesDone >= 10, $"{k.Kind}: {k.PagesDone} pages");
            Assert.Equal(k.PagesTotal, k.PagesDone);
            Assert.NotNull(k.Watermark);
        });
        // v3 hides service accounts (the Integration Service User made for the v3 credential) from /v3/users.
        Assert.Equal(tenant.Org.ListUsers().Select(u => u.Id).Where(id => apiVersion == "v1" || id != tenant.Org.IntegrationServiceUserId).Order(),
            await Ids<GreenhouseUser>(orgId));
        // v3 hides a confidential job and everything under it from anyone off its hiring team, the reader included
        // (docs/HARVEST-CONTRACT.md §11); the connect verification names them.
        var hidden = HiddenFromTheReader(tenant, apiVersion);
        var jobs = tenant.Org.ListJobs().Where(j => !hidden.Contains(j.Id)).ToList();
        var applications = tenant.Org.ListApplications().Where(a => a.Jobs.Count == 0 || !hidden.Contains(a.Jobs[0].Id)).ToList();
        Assert.Equal(applications.Select(a => a.Id).Order(), await Ids<Application>(orgId));
        Assert.Equal(jobs.Select(j => j.Id).Order(), await Ids<Job>(orgId));
        Assert.Equal(jobs.SelectMany(j => tenant.Org.GetJobStages(j.Id)).Select(s => s.Id).Order(), await Ids<JobStage>(orgId));
        var summary = tenant.Org.Summary();
        Assert.Equal(summary.Candidates, (await Ids<Candidate>(orgId)).Count);
        Assert.Equal(summary.Offices, (await Ids<Office>(orgId)).Count);
        var posts = await ReadModel.GetManyAsync<JobPost>(orgId, await Ids<JobPost>(orgId));
        if (hidden.Count == 0)
            Assert.Equal(summary.JobPosts, posts.Count);
        Assert.All(posts, p => Assert.DoesNotContain(p.JobId ?? 0, hidden));

        foreach (var sandboxApp in applications.Where(a => a.Jobs.Count > 0))
        {
            var copied = await ReadModel.GetAsync<Application>(orgId, sandboxApp.Id);
            // v3 names no stage for a closed application (docs/HARVEST-CONTRACT.md §11); v1 keeps the last one.
            var stage = apiVersion == "v3" && sandboxApp.Status != "active" ? null : sandboxApp.CurrentStage?.Id;
            Assert.Equal((sandboxApp.Status, stage, sandboxApp.Jobs[0].Id), (copied!.Status, copied.CurrentStageId, copied.JobId));
        }

        foreach (var job in jobs)
        {
            var copied = await ReadModel.GetAsync<Job>(orgId, job.Id);
            // A v3 job has one department (v1 lists every one), named from /v3/departments; offices from /v3/offices.
            var departments = job.Departments.Take(apiVersion == "v3" ? 1 : int.MaxValue).Select(d => (d.Id, (string?)d.Name));
            Assert.Equal(departments, copied!.Departments.Select(d => (d.Id, d.Name)));
            Assert.Equal(job.Offices.Select(o => (o.Id, (string?)o.Name)).Order(), copied.Offices.Select(o => (o.Id, o.Name)).Order());
            Assert.Equal(Responsible(job.HiringTeam.Coordinators), copied.CoordinatorIds);
            Assert.Equal(Responsible(job.HiringTeam.Recruiters), copied.RecruiterIds);
        }

        foreach (var job in jobs)
        foreach (var stage in tenant.Org.GetJobStages(job.Id))
        {
            var copied = await ReadModel.GetAsync<JobStage>(orgId, stage.Id);
            Assert.Equal(stage.Interviews.Select(i => (i.Id, i.Name, i.Schedulable, i.EstimatedMinutes)), copied!.InterviewSteps.Select(s => (s.Id, s.Name, s.Schedulable, s.EstimatedMinutes)));
            Assert.Equal(stage.Interviews.Select(i => i.DefaultInterviewerUsers.Select(u => u.Id)), copied.InterviewSteps.Select(s => s.DefaultInterviewerIds));
        }
        Assert.Equal(0, tenant.Org.Counters().RateLimited);
    }

    [SkippableTheory]
    [InlineData("v1")]
    [InlineData("v3")]
    public async Task Given_a_synced_org_when_Greenhouse_changes_then_an_incremental_sync_fetches_only_the_changes_and_reflects_them(string apiVersion)
    {
        await PostgresServer.EnsureAvailableAsync();
        var (orgId, tenant) = await ConnectedOrg(apiVersion, rateLimit: 1000); // a limit Greenhouse announces lets the budget open up
        await SyncAndWait(orgId, SyncMode.Full);
        var user = tenant.Org.ListUsers().Last(u => !u.Disabled && u.Id != tenant.Org.IntegrationServiceUserId);
        // A candidate's application (a prospect may have no job, and only applications on a job can be rejected).
        var application = tenant.Org.ListApplications(HarvestSandbox.ApplicationStatus.Active).First(a => !a.Prospect && a.Jobs.Count > 0);
        var job = tenant.Org.ListJobs().First(j => j.Status == "open");
        tenant.Org.DisableUser(user.Id);
        tenant.Org.RejectApplication(application.Id, "Not a fit");
        var added = tenant.Org.AddCandidate(new NewCandidate { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com", JobId = job.Id });
        var callsBefore = tenant.Org.CallLog().Count;

        var status = await SyncAndWait(orgId, SyncMode.Incremental);

        Assert.True(status.State == SyncStatus.Succeeded, string.Join("; ", status.Kinds.Select(k => $"{k.Kind}: {k.State} {k.LastError}")));
        Assert.True((await ReadModel.GetAsync<GreenhouseUser>(orgId, user.Id))!.Disabled);
        Assert.Equal("rejected", (await ReadModel.GetAsync<Application>(orgId, application.Id))!.Status);
        Assert.Equal("Lovelace", (await ReadModel.GetAsync<Candidate>(orgId, added.CandidateId))!.LastName);
        Assert.NotNull(await ReadModel.GetAsync<Application>(orgId, added.ApplicationId));

        var calls = tenant.Org.CallLog().Skip(callsBefore).Where(c => c.Permission != "auth.token").ToList();
        var endpoints = PageEndpoints[apiVersion];
        var offices = calls.Count(c => c.Permission == endpoints[0]); // offices have no updated filter: always read in full
        var pages = calls.Where(c => endpoints[1..].Contains(c.Permission)).ToList();
        // A v3 pass that reads a kind in full (offices) first makes sure lists answer the reader at all (one user).
        var guard = calls.Count(c => c.PathAndQuery == "/v3/users?per_page=1");
        Assert.Equal(apiVersion == "v3" ? 1 : 0, guard);
        Assert.Equal(6, pages.Count - guard); // one page of changes per kind
        // v3 applications are flat: the page of changed applications needs one read of their current stages, and nothing else.
        var stageReads = calls.Where(c => c.Permission == "harvest:application_stages:list").ToList();
        Assert.Equal(apiVersion == "v3" ? 1 : 0, calls.Count - offices - pages.Count);
        Assert.All(stageReads, c => Assert.Contains("current=true", c.PathAndQuery));
        Assert.All(pages.Where(c => c.Permission != endpoints[6] && c.PathAndQuery != "/v3/users?per_page=1"),
            c => Assert.Contains(apiVersion == "v3" ? "updated_at=gte" : "updated_after=", Uri.UnescapeDataString(c.PathAndQuery)));
        Assert.Contains(apiVersion == "v3" ? "last_activity_at=gte" : "last_activity_after=", Uri.UnescapeDataString(calls.Single(c => c.Permission == endpoints[6]).PathAndQuery));
    }

    [SkippableTheory]
    [InlineData("v1")]
    [InlineData("v3")]
    public async Task Given_a_sync_in_progress_when_its_silo_is_killed_then_it_resumes_where_it_stopped(string apiVersion)
    {
        await PostgresServer.EnsureAvailableAsync();
        var primary = cluster.Cluster.Silos[0].SiloAddress;
        string orgId;
        SandboxTenant tenant;
        SiloAddress host;
        while (true)
        {
            (orgId, tenant) = await ConnectedOrg(apiVersion, rateLimit: 1000);
            await cluster.Grains.GetGrain<ISyncGrain>(orgId).GetStatus();
            host = await HostOf(orgId);
            if (!host.Equals(primary))
                break;
        }

        tenant.Org.AddFault(new FaultRule { Kind = FaultKind.Latency, Endpoint = "*", Latency = TimeSpan.FromMilliseconds(400) });
        var callsBefore = tenant.Org.CallLog().Count;
        var started = await cluster.Grains.GetGrain<ISyncGrain>(orgId).Start(SyncMode.Full, "test");
        SyncStatus progress;
        do
        {
            await Task.Delay(100);
            progress = await cluster.Grains.GetGrain<ISyncGrain>(orgId).GetStatus();
        }
        while (progress.Kinds.Sum(k => k.PagesDone) < 50);

        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        tenant.Org.ClearFaults();
        var done = await WaitFor(orgId, started.PassId!, TimeSpan.FromSeconds(120));

        Assert.Equal(SyncStatus.Succeeded, done.State);
        Assert.NotEqual(host, await HostOf(orgId));
        var hidden = HiddenFromTheReader(tenant, apiVersion);
        var applications = tenant.Org.ListApplications().Where(a => a.Jobs.Count == 0 || !hidden.Contains(a.Jobs[0].Id)).ToList();
        Assert.Equal(applications.Select(a => a.Id).Order(), await Ids<Application>(orgId));
        // v3 joins applications with their current stage in memory: the join is read again after the crash, so
        // applications read before it and after it all keep their stage.
        foreach (var application in applications.Where(a => a.Jobs.Count > 0 && a.Status == "active"))
            Assert.Equal(application.CurrentStage?.Id, (await ReadModel.GetAsync<Application>(orgId, application.Id))!.CurrentStageId);
        var pagesFetched = tenant.Org.CallLog().Skip(callsBefore).Count(c => c.Method == "GET" && c.Status == 200 && PageEndpoints[apiVersion].Contains(c.Permission));
        var pagesNeeded = done.Kinds.Sum(k => k.PagesTotal ?? 0);
        // Only pages in flight at the kill (at most PageConcurrency per kind) are fetched twice;
        // starting over would refetch the 50+ pages already done.
        var inFlight = PostgresClusterFixture.SyncOptions.PageConcurrency * Enum.GetValues<ResourceKind>().Length;
        Assert.True(pagesFetched <= pagesNeeded + inFlight, $"{pagesFetched} fetched for {pagesNeeded} pages");
        await cluster.Cluster.StartAdditionalSiloAsync();
    }

    /// <summary>v3: the confidential jobs whose hiring team the reader (the Integration Service User) is not on.</summary>
    private static HashSet<long> HiddenFromTheReader(SandboxTenant tenant, string apiVersion) => apiVersion == "v1"
        ? []
        : tenant.Org.ConfidentialJobs().Where(t => !t.UserIds.Contains(tenant.Org.IntegrationServiceUserId!.Value)).Select(t => t.JobId).ToHashSet();

    /// <summary>The responsible recruiter or coordinator first, as v1 orders them and GemScheduling keeps them.</summary>
    private static IEnumerable<long> Responsible(IEnumerable<HarvestSandbox.Harvest.TeamMemberDto> members) =>
        members.Select((m, i) => (m, i)).OrderByDescending(x => x.m.Responsible).ThenBy(x => x.i).Select(x => x.m.Id).Distinct();

    private async Task<SiloAddress> HostOf(string orgId)
    {
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var grainId = cluster.Grains.GetGrain<ISyncGrain>(orgId).GetGrainId();
        var stats = await management.GetDetailedGrainStatistics();
        return stats.Single(s => s.GrainId.Equals(grainId)).SiloAddress;
    }
}
