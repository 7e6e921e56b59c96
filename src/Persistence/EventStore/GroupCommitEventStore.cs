using GemScheduling.Persistence.Database;
using Npgsql;

namespace GemScheduling.Persistence.EventStore;

/// <summary>
/// Event streams in PostgreSQL, with appends from many streams (and the other writes of the <see cref="GroupCommitter"/>)
/// sharing commits. Each append keeps its own version check: a conflict stores nothing for that stream and the rest of
/// the batch commits, and an append answers as it would have alone.
/// </summary>
public sealed class GroupCommitEventStore : IEventStore, IAsyncDisposable
{
    private readonly GroupCommitter _committer;
    private readonly bool _ownsCommitter;
    private readonly PostgresEventStore _single;
    private readonly StorageHealth? _health;

    /// <summary>A store with a committer of its own.</summary>
    public GroupCommitEventStore(NpgsqlDataSource dataSource, GroupCommitOptions? options = null, StorageHealth? health = null)
        : this(new GroupCommitter(dataSource, options), dataSource, health) => _ownsCommitter = true;

    /// <summary>A store whose appends share commits with the other writes of <paramref name="committer"/>.</summary>
    public GroupCommitEventStore(GroupCommitter committer, NpgsqlDataSource dataSource, StorageHealth? health = null)
    {
        _committer = committer;
        _health = health;
        _single = new PostgresEventStore(dataSource, health);
    }

    /// <summary>Transactions that carried more than one write, the writes they carried, and batches retried one by one.</summary>
    public (long Batches, long Appends, long Fallbacks) Statistics => _committer.Statistics;

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, int afterVersion = 0, CancellationToken cancellationToken = default) =>
        _single.ReadStreamAsync(streamId, afterVersion, cancellationToken);

    public Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default) =>
        _single.ReadSnapshotAsync(streamId, cancellationToken);

    public Task SaveSnapshotAsync(string streamId, StoredSnapshot snapshot, CancellationToken cancellationToken = default) =>
        _single.SaveSnapshotAsync(streamId, snapshot, cancellationToken);

    public async Task<bool> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return true;
        try
        {
            var inserted = await _committer.ExecuteAsync(new BatchedWrite($"events {streamId}", PostgresEventStore.AppendSql(expectedVersion),
                parameters => PostgresEventStore.BindAppend(parameters, streamId, expectedVersion, events), events.Count), cancellationToken);
            _health?.Succeeded();
            return inserted == 1; // the page, or nothing when another writer moved the stream first
        }
        catch (PostgresException ex) when (PostgresEventStore.IsRefusal(ex))
        {
            _health?.Succeeded(); // PostgreSQL answered: it is up, it just will not store this
            throw PostgresEventStore.Refused(ex);
        }
        catch (Exception ex) when (PostgresEventStore.IsUnavailable(ex))
        {
            _health?.Failed(ex);
            throw new EventStoreUnavailableException("The event store is unreachable.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsCommitter)
            await _committer.DisposeAsync();
    }
}
