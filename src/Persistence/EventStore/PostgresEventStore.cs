using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace GemScheduling.Persistence.EventStore;

/// <summary>
/// Event streams in PostgreSQL. An append is one statement: the stream row's version moves from the expected value
/// (or the row is created) and the append's events are inserted as one page only if that happened, so both commit
/// together or not at all.
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource, StorageHealth? health = null) : IEventStore
{
    // A page holds one append's events; it is inserted only if the stream row moved from the expected version.
    private const string InsertPage = """
        INSERT INTO event_pages (stream_id, first_version, last_version, event_ids, event_types, data, metadata)
        SELECT @stream, @first, @last, @ids, @types, @data, @metadata
        WHERE EXISTS (SELECT 1 FROM stream)
        """;

    private const string AppendToExisting = """
        WITH stream AS (
            UPDATE event_streams SET version = version + @count, updated_at = now()
            WHERE stream_id = @stream AND version = @expected
            RETURNING stream_id)
        """ + "\n" + InsertPage;

    private const string AppendToNew = """
        WITH stream AS (
            INSERT INTO event_streams (stream_id, category, version) VALUES (@stream, @category, @count)
            ON CONFLICT (stream_id) DO NOTHING
            RETURNING stream_id)
        """ + "\n" + InsertPage;

    public async Task<IReadOnlyList<StoredEvent>> ReadStreamAsync(string streamId, int afterVersion = 0, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                SELECT first_version, event_ids, event_types, data::text[], metadata::text[], recorded_at
                FROM event_pages WHERE stream_id = @stream AND last_version > @after ORDER BY last_version
                """);
            command.Parameters.AddWithValue("stream", streamId);
            command.Parameters.AddWithValue("after", afterVersion);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var events = new List<StoredEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var first = reader.GetInt32(0);
                var ids = reader.GetFieldValue<Guid[]>(1);
                var types = reader.GetFieldValue<string[]>(2);
                var data = reader.GetFieldValue<string[]>(3);
                var metadata = reader.GetFieldValue<string?[]>(4);
                var recordedAt = reader.GetFieldValue<DateTimeOffset>(5);
                // The page that straddles the snapshot's version is read whole; its older events are skipped here.
                for (var i = Math.Max(0, afterVersion - first + 1); i < ids.Length; i++)
                    events.Add(new StoredEvent(streamId, first + i, ids[i], types[i], data[i], metadata[i], recordedAt));
            }

            health?.Succeeded();
            return events;
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            health?.Failed(ex);
            throw new EventStoreUnavailableException("The event store is unreachable.", ex);
        }
    }

    public async Task<bool> AppendAsync(string streamId, int expectedVersion, IReadOnlyList<EventToAppend> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return true;
        try
        {
            await using var command = dataSource.CreateCommand(AppendSql(expectedVersion));
            BindAppend(command.Parameters, streamId, expectedVersion, events);
            var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
            health?.Succeeded();
            return inserted == 1;
        }
        catch (PostgresException ex) when (IsRefusal(ex))
        {
            health?.Succeeded(); // PostgreSQL answered: it is up, it just will not store this
            throw Refused(ex);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            health?.Failed(ex);
            throw new EventStoreUnavailableException("The event store is unreachable.", ex);
        }
    }

    /// <summary>
    /// The single statement of an append; the group committer sends several of them in one transaction. It affects one
    /// row (the page) when the append is stored and none when another writer moved the stream first.
    /// </summary>
    internal static string AppendSql(int expectedVersion) => expectedVersion == 0 ? AppendToNew : AppendToExisting;

    internal static void BindAppend(NpgsqlParameterCollection parameters, string streamId, int expectedVersion, IReadOnlyList<EventToAppend> events)
    {
        parameters.AddWithValue("stream", streamId);
        parameters.AddWithValue("count", events.Count);
        if (expectedVersion == 0)
            parameters.AddWithValue("category", StreamIds.Category(streamId));
        else
            parameters.AddWithValue("expected", expectedVersion);
        parameters.AddWithValue("first", expectedVersion + 1);
        parameters.AddWithValue("last", expectedVersion + events.Count);
        parameters.AddWithValue("ids", events.Select(e => e.EventId).ToArray());
        parameters.AddWithValue("types", events.Select(e => e.EventType).ToArray());
        parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = events.Select(e => e.Data).ToArray() });
        parameters.Add(new NpgsqlParameter("metadata", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = events.Select(e => (object?)e.Metadata ?? DBNull.Value).ToArray() });
    }

    public async Task<StoredSnapshot?> ReadSnapshotAsync(string streamId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT version, state_type, schema_version, data::text FROM event_snapshots WHERE stream_id = @stream");
            command.Parameters.AddWithValue("stream", streamId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new StoredSnapshot(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3))
                : null;
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            health?.Failed(ex);
            throw new EventStoreUnavailableException("The event store is unreachable.", ex);
        }
    }

    public async Task SaveSnapshotAsync(string streamId, StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO event_snapshots (stream_id, version, state_type, schema_version, data)
            VALUES (@stream, @version, @type, @schema, @data)
            ON CONFLICT (stream_id) DO UPDATE
                SET version = EXCLUDED.version, state_type = EXCLUDED.state_type,
                    schema_version = EXCLUDED.schema_version, data = EXCLUDED.data, taken_at = now()
                WHERE event_snapshots.version < EXCLUDED.version
            """);
        command.Parameters.AddWithValue("stream", streamId);
        command.Parameters.AddWithValue("version", snapshot.Version);
        command.Parameters.AddWithValue("type", snapshot.StateType);
        command.Parameters.AddWithValue("schema", snapshot.SchemaVersion);
        command.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Jsonb) { Value = snapshot.Data });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static EventRejectedException Refused(PostgresException ex) =>
        new($"PostgreSQL refused the events ({ex.SqlState}: {ex.MessageText}).", ex);

    /// <summary>Refused for what the events hold: a data exception (22), a constraint (23), a size limit (54).</summary>
    internal static bool IsRefusal(PostgresException ex) => ex.SqlState.StartsWith("22", StringComparison.Ordinal) ||
        ex.SqlState.StartsWith("23", StringComparison.Ordinal) || ex.SqlState.StartsWith("54", StringComparison.Ordinal);

    internal static bool IsUnavailable(Exception ex) => ex switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true, // shutting down, cannot connect now, too many connections
        SocketException or TimeoutException => true,
        _ => false,
    };
}
