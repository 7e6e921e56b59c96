using System.Threading.Channels;
using GemScheduling.Persistence.EventStore;
using Npgsql;

namespace GemScheduling.Persistence.Database;

/// <summary>
/// Single-statement writes from many grains sharing commits: event appends, the sent-email log and the schedule index.
/// While batches are being committed, writes that arrive wait and go together in the next one: one round trip, one
/// transaction and one WAL flush for many writes. An idle committer sends a write at once, on its own; a busy one
/// lingers at most <see cref="GroupCommitOptions.Linger"/> so the batch fills.
/// <para>
/// Each write is one statement and carries its own conditions (an append its expected version): a statement that
/// affects no row stores nothing for that write, and the rest of the batch commits. When PostgreSQL refuses the batch as
/// a whole (a value it will not store, a duplicate key, a deadlock), nothing of it was stored, and each write is run
/// again on its own so that it gets the answer it would have had alone. A batch is one transaction, so a crash leaves
/// each write fully in or fully out.
/// </para>
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots;
    private readonly Task _committer;
    private long _batches, _batchedWrites, _fallbacks;

    public GroupCommitter(NpgsqlDataSource dataSource, GroupCommitOptions? options = null)
    {
        _dataSource = dataSource;
        _options = options ?? new GroupCommitOptions();
        _slots = new SemaphoreSlim(_options.MaxBatchesInFlight, _options.MaxBatchesInFlight);
        _committer = _options.Enabled ? Task.Run(CommitLoopAsync) : Task.CompletedTask;
    }

    /// <summary>Transactions that carried more than one write, the writes they carried, and batches retried one by one.</summary>
    public (long Batches, long Writes, long Fallbacks) Statistics =>
        (Interlocked.Read(ref _batches), Interlocked.Read(ref _batchedWrites), Interlocked.Read(ref _fallbacks));

    /// <summary>
    /// Runs <paramref name="write"/> and returns the rows it affected. It throws what the statement alone would throw,
    /// except that an unreachable database during a shared commit fails every write of it: each may or may not be in.
    /// Once queued, a write is not withdrawn: it may already be on its way to PostgreSQL.
    /// </summary>
    public Task<int> ExecuteAsync(BatchedWrite write, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_options.Enabled)
            return AloneAsync(write, cancellationToken);
        var pending = new Pending(write);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(GroupCommitter));
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
            var batch = new List<Pending>();
            var weight = 0;
            while (weight < _options.MaxBatchEvents && reader.TryRead(out var next))
            {
                batch.Add(next);
                weight += next.Write.Weight;
            }

            if (batch.Count == 0)
            {
                _slots.Release();
                continue;
            }

            _ = CommitAndReleaseAsync(batch);
        }
    }

    private async Task CommitAndReleaseAsync(List<Pending> batch)
    {
        try
        {
            if (batch.Count == 1)
                await AnswerAloneAsync(batch[0]);
            else
                await CommitTogetherAsync(batch);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task CommitTogetherAsync(List<Pending> batch)
    {
        // One order on every silo, so two batches never lock the same rows in opposite orders.
        var ordered = batch.Select((pending, arrival) => (pending, arrival))
            .OrderBy(p => p.pending.Write.OrderKey, StringComparer.Ordinal).ThenBy(p => p.arrival).Select(p => p.pending).ToList();
        var commands = new List<NpgsqlBatchCommand>(ordered.Count);
        try
        {
            await using var npgsqlBatch = _dataSource.CreateBatch();
            foreach (var pending in ordered)
            {
                var command = new NpgsqlBatchCommand(pending.Write.Sql);
                pending.Write.Bind(command.Parameters);
                npgsqlBatch.BatchCommands.Add(command);
                commands.Add(command);
            }

            // Without an explicit transaction the batch is one implicit transaction: all of it commits or none of it.
            await npgsqlBatch.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (PostgresEventStore.IsUnavailable(ex))
        {
            // The commit may or may not have happened, as for a write on its own: the callers re-read and decide.
            foreach (var pending in batch)
                pending.Result.TrySetException(ex);
            return;
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _fallbacks);
            await Task.WhenAll(batch.Select(AnswerAloneAsync));
            return;
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _batchedWrites, batch.Count);
        for (var i = 0; i < ordered.Count; i++)
            ordered[i].Result.TrySetResult(commands[i].RecordsAffected);
    }

    private async Task AnswerAloneAsync(Pending pending)
    {
        try
        {
            pending.Result.TrySetResult(await AloneAsync(pending.Write, CancellationToken.None));
        }
        catch (Exception ex)
        {
            pending.Result.TrySetException(ex);
        }
    }

    private async Task<int> AloneAsync(BatchedWrite write, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(write.Sql);
        write.Bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _committer;
        for (var i = 0; i < _options.MaxBatchesInFlight; i++)
            await _slots.WaitAsync();
    }

    private sealed record Pending(BatchedWrite Write)
    {
        public TaskCompletionSource<int> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>
/// One statement of a shared commit. <paramref name="OrderKey"/> names the rows it locks (table and key): a batch runs
/// its statements in that order on every silo, so two batches never wait on each other in a cycle.
/// <paramref name="Weight"/> counts towards <see cref="GroupCommitOptions.MaxBatchEvents"/> (an append's events).
/// </summary>
public sealed record BatchedWrite(string OrderKey, string Sql, Action<NpgsqlParameterCollection> Bind, int Weight = 1);

/// <summary>How writes are grouped into commits.</summary>
public sealed record GroupCommitOptions
{
    /// <summary>Off: every write is its own transaction.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Transactions in flight at once; writes arriving while all are busy wait for the next batch.</summary>
    public int MaxBatchesInFlight { get; init; } = 4;

    /// <summary>A batch closes at this many events (an append counts its events, other writes one).</summary>
    public int MaxBatchEvents { get; init; } = 500;

    /// <summary>How long a batch waits to fill while other batches are in flight; an idle committer never waits.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(1);
}
