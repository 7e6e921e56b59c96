namespace GemScheduling.Persistence.EventStore;

/// <summary>
/// An append-only store of event streams. A stream id is <c>category/key</c>; versions start at 1 and have no gaps.
/// </summary>
public interface IEventStore
{
    /// <summary>Events with a version greater than <paramref name="afterVersion"/>, in order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, int afterVersion = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends atomically if the stream is at <paramref name="expectedVersion"/> (0 for a new stream).
    /// Returns false, storing nothing, when another writer got there first.
    /// </summary>
    Task<bool> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default);

    Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>Keeps the newest snapshot; an older one never replaces a newer one.</summary>
    Task SaveSnapshotAsync(string streamId, StoredSnapshot snapshot, CancellationToken cancellationToken = default);
}

public sealed record EventToAppend(Guid EventId, string EventType, string Data, string? Metadata);

public sealed record StoredEvent(
    string StreamId, int Version, Guid EventId, string EventType, string Data, string? Metadata, DateTimeOffset RecordedAt);

public sealed record StoredSnapshot(int Version, string StateType, int SchemaVersion, string Data);

public static class StreamIds
{
    public static string Category(string streamId)
    {
        var slash = streamId.IndexOf('/');
        return slash > 0 ? streamId[..slash] : streamId;
    }
}

/// <summary>The store could not be reached; the caller should report 503 and retry later.</summary>
public sealed class EventStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
