using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Infrastructure.Probe;

namespace GemScheduling.Tests.Foundation;

/// <summary>An event-sourced grain on PostgreSQL keeps exactly its confirmed events through deactivation, silo loss and restart.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class JournaledGrainSpecs(PostgresClusterFixture fixture)
{
    private static string NewKey() => $"probe-{Guid.NewGuid():N}";

    private async Task<long> StoredEventCount(string key) =>
        await fixture.Database.ScalarAsync("SELECT count(*) FROM events WHERE stream_id = @s", ("s", $"probe/{key}"));

    private async Task<IJournalProbeGrain> GrainWithEntries(string key, int count)
    {
        var grain = fixture.Grains.GetGrain<IJournalProbeGrain>(key);
        for (var i = 1; i <= count; i++)
            await grain.Record($"entry-{i}", $"command-{i}");
        return grain;
    }

    [SkippableFact]
    public async Task Given_an_append_not_yet_confirmed_when_another_command_decides_then_it_decides_on_the_state_that_includes_it()
    {
        await PostgresServer.EnsureAvailableAsync();
        var grain = fixture.Grains.GetGrain<IJournalProbeGrain>(NewKey());

        // A conditional raise counts the unconfirmed append as already there, so a decision that did not see it would be stored after it anyway
        await grain.RecordWhileAnotherIsUnconfirmed("cancel", "outbox");

        Assert.Equal(["cancel", "outbox saw cancel"], (await grain.Read()).Entries);
    }

    [SkippableFact]
    public async Task Given_confirmed_events_when_the_grain_is_deactivated_then_it_comes_back_with_the_same_state_and_history()
    {
        await PostgresServer.EnsureAvailableAsync();
        var key = NewKey();
        var grain = await GrainWithEntries(key, 3);
        var before = await grain.History();

        await grain.Deactivate();
        await Task.Delay(200);

        var after = await grain.Read();
        Assert.Equal(["entry-1", "entry-2", "entry-3"], after.Entries);
        Assert.Equal(3, after.Version);
        Assert.Equal(before, await grain.History());
        Assert.All(before, e => Assert.Equal("probe-tester", e.Actor));
    }

    [SkippableFact]
    public async Task Given_confirmed_events_when_the_hosting_silo_is_killed_then_none_is_lost_or_duplicated()
    {
        await PostgresServer.EnsureAvailableAsync();
        var cluster = fixture.Cluster;
        var primary = cluster.Silos[0].SiloAddress.ToString();
        // Kill a secondary silo so the test cluster's primary (its membership oracle) survives.
        var (key, grain) = await FirstGrainNotHostedOn(primary);
        for (var i = 1; i <= 7; i++)
            await grain.Record($"entry-{i}", $"command-{i}");
        var history = await grain.History();
        var host = await grain.HostingSilo();

        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == host));
        await cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        var view = await grain.Read();
        Assert.NotEqual(host, await grain.HostingSilo());
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"entry-{i}"), view.Entries);
        Assert.Equal(history, await grain.History());
        Assert.Equal(7, await StoredEventCount(key));

        await grain.Record("entry-8", "command-8");
        await grain.Record("entry-8", "command-8"); // a retried command is applied once
        Assert.Equal(8, await StoredEventCount(key));
        await cluster.StartAdditionalSiloAsync();
    }

    [SkippableFact]
    public async Task Given_confirmed_events_when_the_whole_cluster_restarts_then_state_and_history_are_unchanged()
    {
        await PostgresServer.EnsureAvailableAsync();
        var key = NewKey();
        var grain = await GrainWithEntries(key, 12); // crosses the probe's snapshot interval twice
        var history = await grain.History();

        await fixture.RestartWholeClusterAsync();

        var restarted = fixture.Grains.GetGrain<IJournalProbeGrain>(key);
        var view = await restarted.Read();
        Assert.Equal(12, view.Version);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"entry-{i}"), view.Entries);
        Assert.Equal(history, await restarted.History());
        Assert.Equal(10, await fixture.Database.ScalarAsync("SELECT version FROM event_snapshots WHERE stream_id = @s", ("s", $"probe/{key}")));
    }

    [SkippableFact]
    public async Task Given_a_commit_whose_acknowledgement_is_lost_then_the_event_is_stored_exactly_once()
    {
        await PostgresServer.EnsureAvailableAsync();
        var key = NewKey();
        var grain = await GrainWithEntries(key, 1);
        var lostBefore = fixture.Store.LostAcknowledgements;

        fixture.Store.LoseNextAcknowledgement($"probe/{key}");
        var version = await grain.Record("entry-2", "command-2");

        Assert.Equal(lostBefore + 1, fixture.Store.LostAcknowledgements);
        Assert.Equal(2, version);
        Assert.Equal(["entry-1", "entry-2"], (await grain.Read()).Entries);
        Assert.Equal(2, await StoredEventCount(key));
        await grain.Deactivate();
        await Task.Delay(200);
        Assert.Equal(["entry-1", "entry-2"], (await grain.Read()).Entries);
    }

    private async Task<(string Key, IJournalProbeGrain Grain)> FirstGrainNotHostedOn(string silo)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var key = NewKey();
            var grain = fixture.Grains.GetGrain<IJournalProbeGrain>(key);
            if (await grain.HostingSilo() != silo)
                return (key, grain);
        }

        throw new InvalidOperationException("every probe activation landed on the primary silo");
    }
}
