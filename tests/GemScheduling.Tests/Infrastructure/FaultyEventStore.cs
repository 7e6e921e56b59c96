using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// Wraps a real store and, when armed for a stream, commits an append and then throws, as if the commit
/// acknowledgement were lost on the wire.
/// </summary>
public sealed class FaultyEventStore(IEventStore inner) : IEventStore
{
    private readonly HashSet<string> _loseNextAcknowledgement = [];
    private readonly Lock _gate = new();

    public int LostAcknowledgements { get; private set; }

    public void LoseNextAcknowledgement(string streamId)
    {
        lock (_gate)
            _loseNextAcknowledgement.Add(streamId);
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, int afterVersion = 0, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(streamId, afterVersion, cancellationToken);

    public async Task<bool> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        var appended = await inner.AppendAsync(streamId, expectedVersion, events, cancellationToken);
        lock (_gate)
        {
            if (appended && _loseNextAcknowledgement.Remove(streamId))
            {
                LostAcknowledgements++;
                throw new IOException($"simulated: the commit of {streamId} v{expectedVersion + events.Count} succeeded but its acknowledgement was lost");
            }
        }

        return appended;
    }

    public Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default) =>
        inner.ReadSnapshotAsync(streamId, cancellationToken);

    public Task SaveSnapshotAsync(string streamId, StoredSnapshot snapshot, CancellationToken cancellationToken = default) =>
        inner.SaveSnapshotAsync(streamId, snapshot, cancellationToken);
}
