using GemScheduling.Greenhouse;
using GemScheduling.HarvestSandbox;
using GemScheduling.Orgs;
using GemScheduling.Schedules;
using GemScheduling.Sync;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GemScheduling.Tests.Schedules;

/// <summary>Exactly-once write-back when the silo running a schedule dies with a Greenhouse write in flight.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ScheduleCrashSpecs(PostgresClusterFixture cluster, SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [SkippableTheory]
    [InlineData("v1")]
    [InlineData("v3")]
    public async Task Given_a_create_in_flight_when_the_schedules_silo_is_killed_then_Greenhouse_ends_with_exactly_one_interview(string apiVersion)
    {
        await PostgresServer.EnsureAvailableAsync();
        var tenant = sandbox.NewOrg(DataScale.Demo, rateLimit: 1000, seed: 5);
        var target = tenant.Org.FindSchedulingTarget()!;
        var orgId = ApiTokens.NewOrgId();
        await cluster.Grains.GetGrain<IOrgGrain>(orgId).Create("Crash test", "test");
        await cluster.Grains.GetGrain<IOrgGrain>(orgId).ConnectGreenhouse(
            tenant.ConnectRequest(apiVersion, tenant.Org.GetUser(target.OrganizerUserId).PrimaryEmailAddress), "test");
        var pass = await cluster.Grains.GetGrain<ISyncGrain>(orgId).Start(SyncMode.Full, "test");
        await WaitAsync(async () => (await cluster.Grains.GetGrain<ISyncGrain>(orgId).GetStatus()) is { State: SyncStatus.Succeeded } s && s.PassId == pass.PassId);

        // A schedule grain on a silo other than the primary, so the test cluster survives the kill.
        var primary = cluster.Cluster.Silos[0].SiloAddress;
        IScheduleGrain schedule;
        SiloAddress host;
        do
        {
            schedule = cluster.Grains.GetGrain<IScheduleGrain>(IScheduleGrain.Key(orgId, "sch_" + ApiTokens.RandomId(16)));
            await schedule.Get();
            host = await HostOf(schedule.GetGrainId());
        }
        while (host.Equals(primary));

        tenant.Org.AddFault(new FaultRule { Kind = FaultKind.Latency, Endpoint = SandboxTenant.Endpoint(apiVersion, "scheduled_interviews.create"), Latency = TimeSpan.FromMilliseconds(1500), MaxOccurrences = 1 });
        var start = DateTimeOffset.UtcNow.Date.AddDays(5).AddHours(15);
        var view = await schedule.Create(new CreateSchedule(target.ApplicationId,
            [new InterviewRequest(target.InterviewStepId, [new InterviewerRef(target.InterviewerUserIds[0], null)], start, start.AddHours(1), "Europe/London", "Room 7", null)],
            null, "test", null));
        await WaitAsync(() => Task.FromResult(tenant.Org.FaultLog().Count > 0)); // the POST has reached Greenhouse and is being held

        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        ScheduleView? settled = null;
        await WaitAsync(async () => (settled = await schedule.Get()) is { WriteBack: WriteBackStatus.Synced }, TimeSpan.FromSeconds(90));

        var externalId = view.Interviews[0].ExternalEventId;
        var inGreenhouse = Assert.Single(tenant.Org.ScheduledInterviews(target.ApplicationId), i => i.ExternalEventId == externalId);
        Assert.Equal(inGreenhouse.Id, settled!.Interviews[0].GreenhouseInterviewId);
        Assert.NotEqual(host, await HostOf(schedule.GetGrainId()));
        Assert.Single(tenant.Org.Notes(target.CandidateId), n => n.Body.Contains("Interviews scheduled", StringComparison.Ordinal));
        Assert.Single(tenant.Org.Emails(target.CandidateId), e => e.Subject.Contains("interviews", StringComparison.OrdinalIgnoreCase));
        await cluster.Cluster.StartAdditionalSiloAsync();
    }

    private async Task<SiloAddress> HostOf(GrainId grainId)
    {
        var stats = await cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Single(s => s.GrainId.Equals(grainId)).SiloAddress;
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not reached");
            await Task.Delay(100);
        }
    }
}
