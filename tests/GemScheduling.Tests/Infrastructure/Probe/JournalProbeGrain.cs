using GemScheduling.EventSourcing;
using GemScheduling.Persistence.EventStore;
using Orleans.Providers;
using Orleans.Runtime;

namespace GemScheduling.Tests.Infrastructure.Probe;

/// <summary>A minimal event-sourced grain on the production base class, used to prove the journaling guarantees.</summary>
public interface IJournalProbeGrain : IGrainWithStringKey
{
    Task<int> Record(string entry, string commandId);

    Task<ProbeView> Read();

    /// <summary>
    /// Records <paramref name="first"/> and, before that is confirmed, an entry decided from the state: whether it saw
    /// <paramref name="first"/>.
    /// </summary>
    Task RecordWhileAnotherIsUnconfirmed(string first, string second);

    Task<IReadOnlyList<HistoryEntry>> History();

    Task<string> HostingSilo();

    Task Deactivate();
}

[GenerateSerializer, Immutable]
public sealed record ProbeView([property: Id(0)] int Version, [property: Id(1)] IReadOnlyList<string> Entries);

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)] public List<string> Entries { get; set; } = [];
    [Id(1)] public HashSet<string> CommandIds { get; set; } = [];

    public void Apply(EntryRecorded e)
    {
        Entries.Add(e.Entry);
        CommandIds.Add(e.CommandId);
    }
}

[GenerateSerializer]
public abstract record ProbeEvent;

[GenerateSerializer, EventType("probe.entry-recorded")]
public sealed record EntryRecorded(string Entry, string CommandId) : ProbeEvent;

[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed class JournalProbeGrain(ILocalSiloDetails silo) : EventSourcedGrain<ProbeState, ProbeEvent>, IJournalProbeGrain
{
    protected override string StreamCategory => "probe";

    protected override int SnapshotEvery => 5;

    public async Task<int> Record(string entry, string commandId)
    {
        await ExecuteAsync(state => state.CommandIds.Contains(commandId) ? [] : [new EntryRecorded(entry, commandId)], actor: "probe-tester");
        return Version;
    }

    public async Task RecordWhileAnotherIsUnconfirmed(string first, string second)
    {
        var pending = ExecuteAsync(_ => [new EntryRecorded(first, $"{first}-command")]);
        var decided = ExecuteAsync(state => [new EntryRecorded(state.Entries.Contains(first) ? $"{second} saw {first}" : $"{second} missed {first}", $"{second}-command")]);
        await Task.WhenAll(pending, decided);
    }

    public Task<ProbeView> Read() => Task.FromResult(new ProbeView(Version, State.Entries.ToList()));

    public Task<IReadOnlyList<HistoryEntry>> History() => ReadHistoryAsync();

    public Task<string> HostingSilo() => Task.FromResult(silo.SiloAddress.ToString());

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected override void TransitionState(ProbeState state, ProbeEvent @event)
    {
        switch (@event)
        {
            case EntryRecorded e:
                state.Apply(e);
                break;
        }
    }
}
