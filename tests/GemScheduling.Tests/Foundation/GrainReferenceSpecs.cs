using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Infrastructure.Probe;
using Orleans.Runtime;

namespace GemScheduling.Tests.Foundation;

/// <summary><see cref="GrainReferences.Grain{T}"/> makes the reference Orleans' own GetGrain makes, without its per-call reflection.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class GrainReferenceSpecs(PostgresClusterFixture fixture)
{
    [SkippableFact]
    public async Task Given_a_grain_with_state_when_it_is_reached_through_the_cached_types_then_it_is_the_same_activation()
    {
        await PostgresServer.EnsureAvailableAsync();
        var key = $"probe-{Guid.NewGuid():N}";
        var throughOrleans = fixture.Grains.GetGrain<IJournalProbeGrain>(key);
        await throughOrleans.Record("entry-1", "command-1");

        var cached = fixture.Grains.Grain<IJournalProbeGrain>(key);

        Assert.Equal(((GrainReference)(object)throughOrleans).GrainId, ((GrainReference)(object)cached).GrainId);
        Assert.Equal(((GrainReference)(object)throughOrleans).InterfaceType, ((GrainReference)(object)cached).InterfaceType);
        Assert.Equal(["entry-1"], (await cached.Read()).Entries);
    }

    [SkippableFact]
    public async Task Given_two_keys_then_the_cached_types_give_two_grains()
    {
        await PostgresServer.EnsureAvailableAsync();
        var first = fixture.Grains.Grain<IJournalProbeGrain>($"probe-{Guid.NewGuid():N}");
        var second = fixture.Grains.Grain<IJournalProbeGrain>($"probe-{Guid.NewGuid():N}");

        await first.Record("only-in-first", "command-1");

        Assert.Equal(["only-in-first"], (await first.Read()).Entries);
        Assert.Empty((await second.Read()).Entries);
    }
}
