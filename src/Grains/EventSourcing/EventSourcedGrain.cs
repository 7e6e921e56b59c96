using System.Runtime.CompilerServices;
using System.Text.Json;
using GemScheduling.Persistence;
using GemScheduling.Persistence.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;

namespace GemScheduling.EventSourcing;

/// <summary>
/// A journaled grain whose log lives in our <see cref="IEventStore"/> (CustomStorage provider). Activation folds the
/// latest snapshot plus the events after it; commands raise events conditionally, because an unconditional raise can
/// store an event twice when a commit succeeds but its acknowledgement is lost.
/// </summary>
public abstract class EventSourcedGrain<TState, TEvent> : JournaledGrain<TState, TEvent>, ICustomStorageInterface<TState, TEvent>
    where TState : class, new()
    where TEvent : class
{
    private readonly ConditionalWeakTable<TEvent, EventMetadata> _pendingMetadata = new();
    private string? _rejected;
    private IEventStore? _store;
    private EventTypeRegistry? _types;

    /// <summary>The stream category, e.g. <c>schedule</c>; the stream id is <c>category/grain-key</c>.</summary>
    protected abstract string StreamCategory { get; }

    /// <summary>Take a snapshot each time the version crosses a multiple of this.</summary>
    protected virtual int SnapshotEvery => 50;

    /// <summary>Bump when <typeparamref name="TState"/> changes shape so old snapshots are ignored (events are replayed).</summary>
    protected virtual int SnapshotSchemaVersion => 1;

    /// <summary>How long a command waits for its events to be durable before reporting the store unavailable.</summary>
    protected virtual TimeSpan ConfirmTimeout => TimeSpan.FromSeconds(5);

    private StorageHealth Health => ServiceProvider.GetRequiredService<StorageHealth>();

    /// <summary>
    /// Loads the stream, but gives up quickly when the store is down: the log-consistency adaptor would otherwise retry
    /// for as long as the outage lasts and every call to the grain would wait out its timeout.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Health.IsDown)
            throw new ServiceUnavailableException($"{StreamId}: GemScheduling's database is unreachable; retry shortly.");
        try
        {
            await base.OnActivateAsync(cancellationToken).WaitAsync(ConfirmTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new ServiceUnavailableException($"{StreamId} could not be loaded within {ConfirmTimeout.TotalSeconds:0} s; retry shortly.");
        }
    }

    protected string StreamId => $"{StreamCategory}/{this.GetGrainId().Key}";

    private IEventStore Store => _store ??= ServiceProvider.GetRequiredService<IEventStore>();

    private EventTypeRegistry Types => _types ??= ServiceProvider.GetRequiredService<EventTypeRegistry>();

    /// <summary>
    /// Decides events from the current state and raises them conditionally; on a version race the decision is made
    /// again against the refreshed state. <paramref name="decide"/> throws to reject the command, and returns no events
    /// when the command was already applied (which is how retried commands stay idempotent).
    /// </summary>
    protected async Task ExecuteAsync(Func<TState, IReadOnlyList<TEvent>> decide, string? actor = null)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            // The tentative state: a conditional raise counts this activation's unconfirmed events as already there, so a
            // decision made on the confirmed state alone would pass its check and land after them, undoing them (an
            // outbox's stale "calendars confirmed" landing after a cancel emptied the calendars it had to release).
            var events = decide(TentativeState);
            if (events.Count == 0 || await RaiseAsync(events, actor))
                return;
            if (attempt == attempts)
                throw new ConcurrencyConflictException($"{StreamId} kept changing while the command was applied; try again.");
            await RefreshNow();
        }
    }

    /// <summary>Raises events conditionally and waits until they are durable. False when another write won the race.</summary>
    protected async Task<bool> RaiseAsync(IReadOnlyList<TEvent> events, string? actor = null)
    {
        if (Health.IsDown)
            throw new ServiceUnavailableException($"{StreamId}: GemScheduling's database is unreachable; nothing was changed, retry shortly.");
        var metadata = new EventMetadata(actor);
        foreach (var e in events)
            _pendingMetadata.AddOrUpdate(e, metadata);
        bool raised;
        try
        {
            raised = await RaiseConditionalEvents(events).WaitAsync(ConfirmTimeout);
        }
        catch (TimeoutException)
        {
            throw new ServiceUnavailableException($"{StreamId}: the change was not confirmed within {ConfirmTimeout.TotalSeconds:0} s; it may still be applied, retry shortly.");
        }

        if (!raised && _rejected is { } reason)
        {
            _rejected = null;
            throw new UnstorableValueException($"The change could not be stored ({reason}); nothing was changed.");
        }

        return raised;
    }

    /// <summary>The stream exactly as stored: every event in order, with who raised it and when it was recorded.</summary>
    protected async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync()
    {
        var stored = await Store.ReadStreamAsync(StreamId);
        return stored.Select(e => new HistoryEntry(
            e.Version, e.EventType, e.Data, EventMetadata.Parse(e.Metadata).Actor, e.RecordedAt)).ToList();
    }

    async Task<KeyValuePair<int, TState>> ICustomStorageInterface<TState, TEvent>.ReadStateFromStorage()
    {
        var state = new TState();
        var version = 0;
        var snapshot = await Store.ReadSnapshotAsync(StreamId);
        if (snapshot is not null && snapshot.SchemaVersion == SnapshotSchemaVersion && snapshot.StateType == typeof(TState).FullName)
        {
            state = JsonSerializer.Deserialize<TState>(snapshot.Data, EventTypeRegistry.JsonOptions) ?? new TState();
            version = snapshot.Version;
        }

        foreach (var stored in await Store.ReadStreamAsync(StreamId, version))
        {
            if (stored.EventType != WriteRejected.EventType)
                TransitionState(state, (TEvent)Types.Deserialize(stored.EventType, stored.Data));
            version = stored.Version;
        }

        return new KeyValuePair<int, TState>(version, state);
    }

    async Task<bool> ICustomStorageInterface<TState, TEvent>.ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion)
    {
        var toAppend = new List<EventToAppend>(updates.Count);
        try
        {
            foreach (var update in updates)
            {
                var (type, json) = Types.Serialize(update);
                var metadata = _pendingMetadata.TryGetValue(update, out var m) ? m : EventMetadata.None;
                toAppend.Add(new EventToAppend(Guid.NewGuid(), type, json, metadata.ToJson()));
            }

            if (!await Store.AppendAsync(StreamId, expectedVersion, toAppend))
                return false;
        }
        catch (Exception ex) when (ex is EventRejectedException or JsonException or NotSupportedException or ArgumentException)
        {
            return await RejectAsync(updates, expectedVersion, ex);
        }

        var newVersion = expectedVersion + updates.Count;
        if (newVersion / SnapshotEvery > expectedVersion / SnapshotEvery)
            await TrySnapshotAsync(updates, newVersion);
        return true;
    }

    /// <summary>
    /// Events the store will never take are dropped, not retried for ever (which would wedge the grain): a marker takes
    /// their place in the stream, which moves its version, so the log view discards the refused batch and the command
    /// that raised it fails. The grain goes on working; the history shows what was refused.
    /// </summary>
    private async Task<bool> RejectAsync(IReadOnlyList<TEvent> updates, int expectedVersion, Exception refusal)
    {
        var types = updates.Select(u => u.GetType().Name).ToList();
        ServiceProvider.GetRequiredService<ILogger<EventSourcedGrain<TState, TEvent>>>().LogError(
            "{StreamId} dropped {Count} event(s) ({Types}) the store refused: {Reason}", StreamId, updates.Count, string.Join(", ", types), refusal.Message);
        if (await Store.AppendAsync(StreamId, expectedVersion, [WriteRejected.Marker(refusal.Message, types)]))
            _rejected = refusal is EventRejectedException ? "the store refused a value it holds" : "a value could not be serialized";
        return false;
    }

    private async Task TrySnapshotAsync(IReadOnlyList<TEvent> updates, int version)
    {
        try
        {
            // State is the confirmed view before these updates; fold them into a copy so the cached view is untouched.
            var copy = JsonSerializer.Deserialize<TState>(JsonSerializer.Serialize(State, EventTypeRegistry.JsonOptions), EventTypeRegistry.JsonOptions)!;
            foreach (var update in updates)
                TransitionState(copy, update);
            var data = JsonSerializer.Serialize(copy, EventTypeRegistry.JsonOptions);
            await Store.SaveSnapshotAsync(StreamId, new StoredSnapshot(version, typeof(TState).FullName!, SnapshotSchemaVersion, data));
        }
        catch (Exception ex)
        {
            // A snapshot is only a shortcut; the events are already durable.
            ServiceProvider.GetRequiredService<ILogger<EventSourcedGrain<TState, TEvent>>>()
                .LogWarning(ex, "Snapshot of {StreamId} at version {Version} failed", StreamId, version);
        }
    }
}
