using GemScheduling.Budget;
using GemScheduling.Greenhouse;
using GemScheduling.Greenhouse.Budget;
using GemScheduling.Tests.Infrastructure;
using Orleans.Runtime;

namespace GemScheduling.Tests.Harvest;

/// <summary>An org's Harvest budget outlives the silo that held it: the next activation does not start from an empty window.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class RateBudgetFailoverSpecs(PostgresClusterFixture cluster)
{
    [SkippableFact]
    public async Task Given_a_budget_that_granted_slots_when_its_silo_is_killed_then_the_next_activation_counts_them_and_what_may_have_followed()
    {
        await PostgresServer.EnsureAvailableAsync();
        // A budget on a silo other than the primary, so the test cluster survives the kill.
        var primary = cluster.Cluster.Silos[0].SiloAddress;
        IHarvestRateBudgetGrain budget;
        SiloAddress host;
        do
        {
            budget = cluster.Grains.GetGrain<IHarvestRateBudgetGrain>(GreenhouseBudget.KeyFor($"org_failover{Guid.NewGuid():N}"[..24], HarvestApiVersion.V3)); // a 30 s window outlasts the kill
            await budget.GetStatus();
            host = await HostOf(budget.GetGrainId());
        }
        while (host.Equals(primary));

        const int granted = 23; // not a multiple of the recording interval: some grants were made after the last record
        for (var i = 0; i < granted; i++)
            Assert.True((await budget.Reserve(BudgetLane.Interactive)).Granted);
        Assert.Equal(granted, (await budget.GetStatus()).UsedInWindow);

        var killedAt = DateTimeOffset.UtcNow;
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        // A recorded slot comes back at the end of its 100 ms bucket: until then it already blocks grants but is not yet "used".
        await Task.Delay(SlotBucket.Width);

        // The new activation counts every recorded grant as used, and the ones that may have followed as used at the end
        // of the promise: together at least all it granted, so the next caller waits rather than overrunning Greenhouse.
        var resumed = await budget.GetStatus();
        Assert.NotEqual(host, await HostOf(budget.GetGrainId()));
        Assert.True(DateTimeOffset.UtcNow - killedAt < TimeSpan.FromSeconds(resumed.WindowSeconds), "the failover took longer than the window this spec relies on");
        Assert.True(resumed.UsedInWindow >= granted - HarvestRateBudgetGrain.RecordEvery + 1, $"only {resumed.UsedInWindow} of {granted} grants survived");
        var immediate = 0;
        while (immediate < resumed.Limit && await budget.Reserve(BudgetLane.Interactive) is { Granted: true } grant && grant.Delay == TimeSpan.Zero)
            immediate++;
        Assert.True(immediate <= resumed.Limit - granted, $"the resumed budget granted {immediate} at once, as if the {granted} before the kill never happened");
        await cluster.Cluster.StartAdditionalSiloAsync();
    }

    [SkippableFact]
    public async Task Given_a_slot_granted_by_an_activation_that_is_gone_when_it_is_confirmed_then_the_new_activation_grants_its_own()
    {
        await PostgresServer.EnsureAvailableAsync();
        var budget = cluster.Grains.GetGrain<IHarvestRateBudgetGrain>(GreenhouseBudget.KeyFor($"org_confirm{Guid.NewGuid():N}"[..24], HarvestApiVersion.V1));
        var granted = await budget.Reserve(BudgetLane.Write);
        var before = (await budget.GetStatus()).UsedInWindow;

        var mine = await budget.Confirm(BudgetLane.Write, granted.GrantedBy);
        var foreign = await budget.Confirm(BudgetLane.Write, Guid.NewGuid()); // granted by an activation on a silo that died

        Assert.True(mine is { Granted: true, Delay.Ticks: 0 });
        Assert.Equal(before, (await budget.GetStatus()).UsedInWindow - 1); // only the foreign slot took a new one
        Assert.True(foreign.Granted);
        Assert.Equal(granted.GrantedBy, foreign.GrantedBy);
        await budget.ObserveThrottled(new BudgetObservation(DateTimeOffset.UtcNow, 50, 0, true, TimeSpan.FromSeconds(20)));
        var paused = await budget.Confirm(BudgetLane.Write, granted.GrantedBy);
        Assert.False(paused.Granted);
        Assert.InRange(paused.Delay, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
    }

    private async Task<SiloAddress> HostOf(GrainId grainId)
    {
        var stats = await cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Single(s => s.GrainId.Equals(grainId)).SiloAddress;
    }
}
