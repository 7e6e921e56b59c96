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
public sealed class SyncSpecs(PostgresClusterFixture cluster, SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    // With the fixture's 3 records per page, every kind spans at least 10 pages.
    private static readonly DataScale Scale = DataScale.Demo with { Offices = 30, Departments = 4, Users = 30, Jobs = 30, Candidates = 30, Applications = 40 };

    private IGreenhouseReadModel ReadModel => cluster.ClientServices.GetRequiredService<IGreenhouseReadModel>();

    private async Task<(string OrgId, SandboxTenant Tenant)> ConnectedOrg(int? rateLimit = 50)
    {
        var tenant = sandbox.NewOrg(Scale, rateLimit: rateLimit, seed: Random.Shared.Next());
        var orgId = ApiTokens.NewOrgId();
        await cluster.Grains.GetGrain<IOrgGrain>(orgId).Create("Sync test", "test");
        var organizer = tenant.Org.ListUsers().First(u => !u.Disabled).PrimaryEmailAddress;
        await cluster.ClientServices.GetRequiredService<GreenhouseConnector>()
            .ConnectAsync(orgId, new ConnectGreenhouseRequest("v1", tenant.Server.BaseAddress.ToString(), tenant.ApiKey, organizer), "test", default);
        return (orgId, tenant);
    }

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

    [SkippableFact]
    public async Task Given_a_connected_org_when_a_full_sync_runs_then_every_kind_spans_10_pages_and_equals_the_sandbox_with_no_429()
    {
        await PostgresServer.EnsureAvailableAsync();
        var (orgId, tenant) = await ConnectedOrg(rateLimit: 50);

        var status = await SyncAndWait(orgId, SyncMode.Full);

        Assert.Equal(SyncStatus.Succeeded, status.State);
        Assert.All(status.Kinds, k =>
        {
            Assert.True(k.PagesDone >= 10, $"{k.Kind}: {k.PagesDone} pages");
            Assert.Equal(k.PagesTotal, k.PagesDone);
            Assert.NotNull(k.Watermark);
        });
        Assert.Equal(tenant.Org.ListUsers().Select(u => u.Id).Order(), await Ids<GreenhouseUser>(orgId));
        Assert.Equal(tenant.Org.ListApplications().Select(a => a.Id).Order(), await Ids<Application>(orgId));
        Assert.Equal(tenant.Org.ListJobs().Select(j => j.Id).Order(), await Ids<Job>(orgId));
        Assert.Equal(tenant.Org.ListJobs().SelectMany(j => tenant.Org.GetJobStages(j.Id)).Select(s => s.Id).Order(), await Ids<JobStage>(orgId));
        var summary = tenant.Org.Summary();
        Assert.Equal(summary.Candidates, (await Ids<Candidate>(orgId)).Count);
        Assert.Equal(summary.Offices, (await Ids<Office>(orgId)).Count);
        Assert.Equal(summary.JobPosts, (await Ids<JobPost>(orgId)).Count);

        var sandboxApp = tenant.Org.ListApplications()[0];
        var copied = await ReadModel.GetAsync<Application>(orgId, sandboxApp.Id);
        Assert.Equal((sandboxApp.Status, sandboxApp.CurrentStage?.Id, sandboxApp.Jobs[0].Id), (copied!.Status, copied.CurrentStageId, copied.JobId));
        Assert.Equal(0, tenant.Org.Counters().RateLimited);
    }

    [SkippableFact]
    public async Task Given_a_synced_org_when_Greenhouse_changes_then_an_incremental_sync_fetches_only_the_changes_and_reflects_them()
    {
        await PostgresServer.EnsureAvailableAsync();
        var (orgId, tenant) = await ConnectedOrg(rateLimit: 1000); // a limit Greenhouse announces lets the budget open up
        await SyncAndWait(orgId, SyncMode.Full);
        var user = tenant.Org.ListUsers().Last(u => !u.Disabled);
        var application = tenant.Org.ListApplications(HarvestSandbox.ApplicationStatus.Active).First();
        var job = tenant.Org.ListJobs().First(j => j.Status == "open");
        tenant.Org.DisableUser(user.Id);
        tenant.Org.RejectApplication(application.Id, "Not a fit");
        var added = tenant.Org.AddCandidate(new NewCandidate { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com", JobId = job.Id });
        var callsBefore = tenant.Org.CallLog().Count;

        var status = await SyncAndWait(orgId, SyncMode.Incremental);

        Assert.Equal(SyncStatus.Succeeded, status.State);
        Assert.True((await ReadModel.GetAsync<GreenhouseUser>(orgId, user.Id))!.Disabled);
        Assert.Equal("rejected", (await ReadModel.GetAsync<Application>(orgId, application.Id))!.Status);
        Assert.Equal("Lovelace", (await ReadModel.GetAsync<Candidate>(orgId, added.CandidateId))!.LastName);
        Assert.NotNull(await ReadModel.GetAsync<Application>(orgId, added.ApplicationId));

        var calls = tenant.Org.CallLog().Skip(callsBefore).ToList();
        var offices = calls.Count(c => c.Permission == "offices.list"); // offices have no updated_after: always read in full
        Assert.Equal(6, calls.Count - offices);
        Assert.All(calls.Where(c => c.Permission is "users.list" or "candidates.list" or "jobs.list" or "job_posts.list" or "job_stages.list"),
            c => Assert.Contains("updated_after=", c.PathAndQuery));
        Assert.Contains("last_activity_after=", calls.Single(c => c.Permission == "applications.list").PathAndQuery);
    }

    [SkippableFact]
    public async Task Given_a_sync_in_progress_when_its_silo_is_killed_then_it_resumes_where_it_stopped()
    {
        await PostgresServer.EnsureAvailableAsync();
        var primary = cluster.Cluster.Silos[0].SiloAddress;
        string orgId;
        SandboxTenant tenant;
        SiloAddress host;
        while (true)
        {
            (orgId, tenant) = await ConnectedOrg(rateLimit: 1000);
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
        Assert.Equal(tenant.Org.ListApplications().Select(a => a.Id).Order(), await Ids<Application>(orgId));
        var pagesFetched = tenant.Org.CallLog().Skip(callsBefore).Count(c => c.Method == "GET" && c.Status == 200);
        var pagesNeeded = done.Kinds.Sum(k => k.PagesTotal ?? 0);
        // Only pages in flight at the kill (at most PageConcurrency per kind) are fetched twice;
        // starting over would refetch the 50+ pages already done.
        var inFlight = PostgresClusterFixture.SyncOptions.PageConcurrency * Enum.GetValues<ResourceKind>().Length;
        Assert.True(pagesFetched <= pagesNeeded + inFlight, $"{pagesFetched} fetched for {pagesNeeded} pages");
        await cluster.Cluster.StartAdditionalSiloAsync();
    }

    private async Task<SiloAddress> HostOf(string orgId)
    {
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        var grainId = cluster.Grains.GetGrain<ISyncGrain>(orgId).GetGrainId();
        var stats = await management.GetDetailedGrainStatistics();
        return stats.Single(s => s.GrainId.Equals(grainId)).SiloAddress;
    }
}
