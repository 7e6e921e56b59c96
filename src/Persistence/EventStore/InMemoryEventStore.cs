namespace GemScheduling.Persistence.EventStore;

/// <summary>The embedded default and fast tests: same contract as PostgreSQL, kept in process memory.</summary>
public sealed class InMemoryEventStore(TimeProvider? timeProvider = null) : IEventStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<string, List<StoredEvent>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, int afterVersion = 0, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredEvent> events = _streams.TryGetValue(streamId, out var stream)
                ? stream.Where(e => e.Version > afterVersion).ToList()
                : [];
            return Task.FromResult(events);
        }
    }

    public Task<bool> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _streams.TryGetValue(streamId, out var stream);
            if ((stream?.Count ?? 0) != expectedVersion)
                return Task.FromResult(false);
            // Refuse what PostgreSQL refuses, so the embedded default behaves as production does.
            foreach (var e in events)
                if ((JsonbRules.Refusal(e.Data) ?? (e.Metadata is null ? null : JsonbRules.Refusal(e.Metadata))) is { } refusal)
                    throw new EventRejectedException($"jsonb cannot hold {refusal} ({e.EventType}).");

            stream ??= _streams[streamId] = [];
            var now = _time.GetUtcNow();
            foreach (var e in events)
                stream.Add(new StoredEvent(streamId, stream.Count + 1, e.EventId, e.EventType, e.Data, e.Metadata, now));

            return Task.FromResult(true);
        }
    }

    public Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_snapshots.GetValueOrDefault(streamId));
    }

    public Task SaveSnapshotAsync(string streamId, StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(streamId, out var existing) || existing.Version < snapshot.Version)
                _snapshots[streamId] = snapshot;
        }

        return Task.CompletedTask;
    }
}
