using GemScheduling.Persistence.Database;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GemScheduling.Tests.Foundation;

/// <summary>Upgrading from one row per event (migrations up to 0011) to one page per append keeps every event as it was.</summary>
public sealed class EventPagesMigrationSpecs
{
    private const int LastRowPerEventMigration = 11;

    [SkippableFact]
    public async Task Given_events_stored_one_row_each_when_the_pages_migration_runs_then_streams_read_back_unchanged_and_appends_go_on()
    {
        // Given a database migrated up to 0011 and three events of one append plus one without metadata, stored as that schema stored them
        await using var database = await PostgresServer.CreateDatabaseAsync("event_pages_upgrade");
        await using var dataSource = database.CreateDataSource();
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance,
            Migration.All.Where(m => m.Version <= LastRowPerEventMigration).ToList()).MigrateAsync();
        var store = new PostgresEventStore(dataSource);
        var (three, one) = ($"schedule/{Guid.NewGuid():N}", $"calendar/{Guid.NewGuid():N}");
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        await ExecuteAsync(dataSource, """
            INSERT INTO event_streams (stream_id, category, version) VALUES (@three, 'schedule', 3), (@one, 'calendar', 1);
            INSERT INTO events (stream_id, version, event_id, event_type, data, metadata) VALUES
                (@three, 1, @id0, 'schedule-requested', '{"n":1}', '{"actor":"coordinator"}'),
                (@three, 2, @id1, 'write-armed', '{"n":2,"nested":{"a":[1,2]}}', '{"actor":"coordinator"}'),
                (@three, 3, @id2, 'write-succeeded', '{"n":3}', '{"actor":"outbox"}'),
                (@one, 1, @id3, 'hold-placed', '{"n":4}', NULL);
            """, ("three", three), ("one", one), ("id0", ids[0]), ("id1", ids[1]), ("id2", ids[2]), ("id3", ids[3]));
        var before = (await ReadRowsAsync(dataSource, three)).Concat(await ReadRowsAsync(dataSource, one)).ToList();

        // When the remaining migrations run
        var report = await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        // Then the store reads every event back as it was: id, type, data, metadata, version and time
        Assert.Contains(report.Applied, name => name.EndsWith("_event_pages", StringComparison.Ordinal));
        var after = (await store.ReadStreamAsync(three)).Concat(await store.ReadStreamAsync(one)).ToList();
        Assert.Equal(before, after);
        Assert.Equal([2, 3], (await store.ReadStreamAsync(three, afterVersion: 1)).Select(e => e.Version));
        // and the old table is gone, so a replica still on the old code fails instead of writing where nothing reads
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname = 'events' AND relkind = 'v'"));

        // And appends continue from the migrated versions, one page each, with the version check intact
        Assert.True(await store.AppendAsync(three, 3, [new EventToAppend(Guid.NewGuid(), "write-armed", "{}", null), new EventToAppend(Guid.NewGuid(), "x", "{}", null)]));
        Assert.False(await store.AppendAsync(three, 3, [new EventToAppend(Guid.NewGuid(), "late", "{}", null)]));
        Assert.Equal([1, 2, 3, 4, 5], (await store.ReadStreamAsync(three)).Select(e => e.Version));
        Assert.Equal(4, await database.ScalarAsync("SELECT count(*) FROM event_pages WHERE stream_id = @s", ("s", three)));
        Assert.Equal(5, await database.ScalarAsync("SELECT count(*) FROM events WHERE stream_id = @s", ("s", three)));
    }

    /// <summary>The events of a stream as the row-per-event schema returned them.</summary>
    private static async Task<List<StoredEvent>> ReadRowsAsync(NpgsqlDataSource dataSource, string stream)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version, event_id, event_type, data::text, metadata::text, recorded_at FROM events WHERE stream_id = @s ORDER BY version");
        command.Parameters.AddWithValue("s", stream);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync())
            events.Add(new StoredEvent(stream, reader.GetInt32(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        return events;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
