using GemScheduling.Greenhouse;
using GemScheduling.Sync;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Sync;

/// <summary>v3 joins what v1 embeds by reading each joined resource once per full pass, never id by id.</summary>
public sealed partial class SyncSpecs
{
    /// <summary>What a full v3 pass joins in memory, and the filters it may send them (the documented ones only).</summary>
    private static readonly string[] JoinEndpoints =
    [
        "harvest:application_stages:list", "harvest:job_interviews:list", "harvest:interview_kits:list", "harvest:default_interviewers:list",
        "harvest:departments:list", "harvest:job_owners:list",
    ];

    [SkippableFact]
    public async Task Given_a_v3_org_when_a_full_sync_runs_then_each_joined_resource_is_read_as_one_listing_at_500_a_page()
    {
        await PostgresServer.EnsureAvailableAsync();
        var (orgId, tenant) = await ConnectedOrg("v3", rateLimit: 1000);
        var callsBefore = tenant.Org.CallLog().Count;

        var status = await SyncAndWait(orgId, SyncMode.Full);

        Assert.Equal(SyncStatus.Succeeded, status.State);
        var calls = tenant.Org.CallLog().Skip(callsBefore).Where(c => c.Permission != "auth.token").ToList();
        foreach (var endpoint in JoinEndpoints)
        {
            var reads = calls.Where(c => c.Permission == endpoint).ToList();
            var first = Assert.Single(reads, c => !c.PathAndQuery.Contains("cursor="));
            Assert.Contains("per_page=500", first.PathAndQuery);
            Assert.DoesNotContain("_ids=", first.PathAndQuery);
            Assert.All(reads, c => Assert.Equal(200, c.Status));
        }

        Assert.Contains("current=true", calls.Single(c => c.Permission == "harvest:application_stages:list" && !c.PathAndQuery.Contains("cursor=")).PathAndQuery);
        // Pages of the synced kinds, the joins, and the check that lists answer the reader: nothing per page of records.
        var pages = status.Kinds.Sum(k => k.PagesDone);
        Assert.Equal(pages + JoinEndpoints.Length + 1 + 1, calls.Count); // + the offices for names, + the guard
    }

    [SkippableFact]
    public async Task Given_v3_applications_that_carry_their_job_interview_stage_when_a_full_sync_runs_then_no_application_stage_is_read()
    {
        await PostgresServer.EnsureAvailableAsync();
        var (orgId, tenant) = await ConnectedOrg("v3", rateLimit: 1000);
        tenant.Org.V3Options = tenant.Org.V3Options with { ApplicationsCarryJobInterviewStageId = true };
        var callsBefore = tenant.Org.CallLog().Count;

        var status = await SyncAndWait(orgId, SyncMode.Full);

        Assert.Equal(SyncStatus.Succeeded, status.State);
        Assert.DoesNotContain(tenant.Org.CallLog().Skip(callsBefore), c => c.Permission == "harvest:application_stages:list");
        var hidden = HiddenFromTheReader(tenant, "v3");
        foreach (var application in tenant.Org.ListApplications().Where(a => a.Jobs.Count > 0 && !hidden.Contains(a.Jobs[0].Id)))
        {
            var copied = await ReadModel.GetAsync<Application>(orgId, application.Id);
            Assert.Equal(application.Status == "active" ? application.CurrentStage?.Id : null, copied!.CurrentStageId);
        }
    }
}
