using System.Threading.Channels;
using Npgsql;

namespace GemScheduling.Persistence.EventStore;

/// <summary>
/// Event streams in PostgreSQL, with appends from many streams sharing commits. While batches are being committed,
/// appends that arrive wait and go together in the next one: one round trip, one transaction and one WAL flush for
/// many appends. An idle store sends an append at once, on its own; a busy one lingers at most
/// <see cref="GroupCommitOptions.Linger"/> so the batch fills.
/// <para>
/// Each append keeps its own version check: a conflict stores nothing for that stream and the rest of the batch
/// commits. When PostgreSQL refuses the batch as a whole (an event it will not store, a duplicate event id, a
/// deadlock), nothing of it was stored, and each append is tried again on its own so that it gets the answer it would
/// have had alone. A batch is one transaction, so a crash leaves each of its appends fully in or fully out.
/// </para>
/// </summary>
public sealed class GroupCommitEventStore : IEventStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresEventStore _single;
    private readonly StorageHealth? _health;
    private readonly GroupCommitOptions _options;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots;
    private readonly Task _committer;
    private long _batches, _batchedAppends, _fallbacks;

    public GroupCommitEventStore(NpgsqlDataSource dataSource, GroupCommitOptions? options = null, StorageHealth? health = null)
    {
        _dataSource = dataSource;
        _health = health;
        _options = options ?? new GroupCommitOptions();
        _single = new PostgresEventStore(dataSource, health);
        _slots = new SemaphoreSlim(_options.MaxBatchesInFlight, _options.MaxBatchesInFlight);
        _committer = Task.Run(CommitLoopAsync);
    }

    /// <summary>Transactions that carried more than one append, the appends they carried, and batches retried one by one.</summary>
    public (long Batches, long Appends, long Fallbacks) Statistics =>
        (Interlocked.Read(ref _batches), Interlocked.Read(ref _batchedAppends), Interlocked.Read(ref _fallbacks));

    public Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, int afterVersion = 0, CancellationToken cancellationToken = default) =>
        _single.ReadStreamAsync(streamId, afterVersion, cancellationToken);

    public Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default) =>
        _single.ReadSnapshotAsync(streamId, cancellationToken);

    public Task SaveSnapshotAsync(string streamId, StoredSnapshot snapshot, CancellationToken cancellationToken = default) =>
        _single.SaveSnapshotAsync(streamId, snapshot, cancellationToken);

    public Task<bool> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return Task.FromResult(true);
        cancellationToken.ThrowIfCancellationRequested();
        // Once queued, an append is not withdrawn: it may already be on its way to PostgreSQL.
        var pending = new PendingAppend(streamId, expectedVersion, events);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(GroupCommitEventStore));
        return pending.Result.Task;
    }

    private async Task CommitLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            await _slots.WaitAsync();
            var busy = _slots.CurrentCount < _options.MaxBatchesInFlight - 1;
            if (busy && _options.Linger > TimeSpan.Zero)
                await Task.Delay(_options.Linger);
            var batch = new List<PendingAppend>();
            var events = 0;
            while (events < _options.MaxBatchEvents && reader.TryRead(out var next))
            {
                batch.Add(next);
                events += next.Events.Count;
            }

            if (batch.Count == 0)
            {
                _slots.Release();
                continue;
            }

            _ = CommitAndReleaseAsync(batch);
        }
    }

    private async Task CommitAndReleaseAsync(List<PendingAppend> batch)
    {
        try
        {
            if (batch.Count == 1)
                await AloneAsync(batch[0]);
            else
                await CommitTogetherAsync(batch);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task CommitTogetherAsync(List<PendingAppend> batch)
    {
        // One order on every silo, so two batches never lock the same streams in opposite orders.
        var ordered = batch.Select((append, arrival) => (append, arrival))
            .OrderBy(a => a.append.StreamId, StringComparer.Ordinal).ThenBy(a => a.arrival).Select(a => a.append).ToList();
        var commands = new List<NpgsqlBatchCommand>(ordered.Count);
        try
        {
            await using var npgsqlBatch = _dataSource.CreateBatch();
            foreach (var append in ordered)
            {
                var command = new NpgsqlBatchCommand(PostgresEventStore.AppendSql(append.ExpectedVersion));
                PostgresEventStore.BindAppend(command.Parameters, append.StreamId, append.ExpectedVersion, append.Events);
                npgsqlBatch.BatchCommands.Add(command);
                commands.Add(command);
            }

            // Without an explicit transaction the batch is one implicit transaction: all of it commits or none of it.
            await npgsqlBatch.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (PostgresEventStore.IsUnavailable(ex))
        {
            // The commit may or may not have happened, as for an append on its own: the callers re-read and decide.
            _health?.Failed(ex);
            foreach (var append in batch)
                append.Result.TrySetException(new EventStoreUnavailableException("The event store is unreachable.", ex));
            return;
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _fallbacks);
            await Task.WhenAll(batch.Select(AloneAsync));
            return;
        }

        _health?.Succeeded();
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _batchedAppends, batch.Count);
        for (var i = 0; i < ordered.Count; i++)
            ordered[i].Result.TrySetResult(commands[i].RecordsAffected == ordered[i].Events.Count);
    }

    private async Task AloneAsync(PendingAppend append)
    {
        try
        {
            append.Result.TrySetResult(await _single.AppendAsync(append.StreamId, append.ExpectedVersion, append.Events));
        }
        catch (Exception ex)
        {
            append.Result.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _committer;
        for (var i = 0; i < _options.MaxBatchesInFlight; i++)
            await _slots.WaitAsync();
    }

    private sealed record PendingAppend(string StreamId, int ExpectedVersion, IReadOnlyList<EventToAppend> Events)
    {
        public TaskCompletionSource<bool> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>How appends are grouped into commits.</summary>
public sealed record GroupCommitOptions
{
    /// <summary>Off: every append is its own transaction, as <see cref="PostgresEventStore"/> does.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Transactions in flight at once; appends arriving while all are busy wait for the next batch.</summary>
    public int MaxBatchesInFlight { get; init; } = 4;

    /// <summary>A batch closes at this many events.</summary>
    public int MaxBatchEvents { get; init; } = 500;

    /// <summary>How long a batch waits to fill while other batches are in flight; an idle store never waits.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(1);
}
