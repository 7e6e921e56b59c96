using GemScheduling.Harvest;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Infrastructure.Probe;

namespace GemScheduling.Tests.Harvest;

/// <summary>One org's budget, shared by 50 callers spread over 3 silos, against a sandbox enforcing 50 requests per 10 s.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class RateBudgetClusterSpecs(PostgresClusterFixture cluster, SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [SkippableFact]
    public async Task Given_50_callers_on_3_silos_then_no_window_exceeds_the_limit_no_429_is_served_and_writes_go_first()
    {
        await PostgresServer.EnsureAvailableAsync();
        var tenant = sandbox.NewOrg(DataScale.Demo with { Candidates = 20, Applications = 30 }, rateLimit: 50, seed: 3);
        var target = tenant.Org.FindSchedulingTarget()!;
        var orgId = $"org_budget{Guid.NewGuid():N}"[..24];
        var plans = Enumerable.Range(0, 50).Select(i => i < 45
            ? new HarvestCallerPlan(tenant.Server.BaseAddress.ToString(), tenant.ApiKey, orgId, 3, Writes: false, 0, 0)
            : new HarvestCallerPlan(tenant.Server.BaseAddress.ToString(), tenant.ApiKey, orgId, 2, Writes: true, target.CandidateId, target.OrganizerUserId)).ToList();
        var callers = plans.Select((_, i) => cluster.Grains.GetGrain<IHarvestCallerProbeGrain>($"caller-{orgId}-{i}")).ToList();

        // Background callers fill the budget first; the writers arrive while it is saturated.
        await Task.WhenAll(callers.Take(45).Select((c, i) => c.Start(plans[i])));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Task.WhenAll(callers.Skip(45).Select((c, i) => c.Start(plans[45 + i])));
        var results = new List<HarvestCallResult>();
        foreach (var caller in callers)
        {
            IReadOnlyList<HarvestCallResult>? done;
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while ((done = await caller.Results()) is null && DateTime.UtcNow < deadline)
                await Task.Delay(250);
            results.AddRange(done ?? throw new TimeoutException("a caller did not finish"));
        }

        Assert.Equal(145, results.Count);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(0, tenant.Org.Counters().RateLimited);
        var times = tenant.Org.CallLog().Select(c => c.Timestamp).Order().ToList();
        for (int i = 0, j = 0; i < times.Count; i++)
        {
            while (times[i] - times[j] >= TimeSpan.FromSeconds(10))
                j++;
            Assert.True(i - j + 1 <= 50, $"{i - j + 1} requests reached Greenhouse within 10 s");
        }

        var callerIds = callers.Select(c => c.GetGrainId()).ToHashSet();
        var hosts = (await cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics()).Where(s => callerIds.Contains(s.GrainId)).ToList();
        Assert.True(hosts.Select(h => h.SiloAddress).Distinct().Count() >= 2, "callers should run on several silos");
        var writes = results.Where(r => r.Write).ToList();
        var reads = results.Where(r => !r.Write).ToList();
        Assert.All(writes, w => Assert.True(w.Took <= TimeSpan.FromSeconds(11), $"a write waited {w.Took.TotalSeconds:0.0} s"));
        Assert.True(writes.Average(w => w.Took.TotalSeconds) < reads.Average(r => r.Took.TotalSeconds), "writes should wait less than background reads");
    }
}
