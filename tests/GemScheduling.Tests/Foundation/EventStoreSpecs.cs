using System.Collections.Concurrent;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Tests.Infrastructure;
using Npgsql;

namespace GemScheduling.Tests.Foundation;

/// <summary>The contract every <see cref="IEventStore"/> keeps; run against PostgreSQL and against memory.</summary>
public abstract class EventStoreSpecs : IAsyncLifetime
{
    protected IEventStore Store { get; set; } = null!;

    public abstract Task InitializeAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Skips or fails the test when the store's server is missing.</summary>
    protected virtual Task RequireStoreAsync() => Task.CompletedTask;

    private static EventToAppend Event(string type, string json) => new(Guid.NewGuid(), type, json, """{"actor":"tester"}""");

    [SkippableFact]
    public async Task Given_a_new_stream_when_events_are_appended_then_they_read_back_in_order_with_gapless_versions()
    {
        await RequireStoreAsync();
        var stream = $"spec/{Guid.NewGuid():N}";

        Assert.True(await Store.AppendAsync(stream, 0, [Event("a", """{"n":1}"""), Event("b", """{"n":2}""")]));
        Assert.True(await Store.AppendAsync(stream, 2, [Event("c", """{"n":3}""")]));

        var events = await Store.ReadStreamAsync(stream);
        Assert.Equal([1, 2, 3], events.Select(e => e.Version));
        Assert.Equal(["a", "b", "c"], events.Select(e => e.EventType));
        Assert.Equal(3, System.Text.Json.JsonDocument.Parse(events[2].Data).RootElement.GetProperty("n").GetInt32());
        Assert.Contains("tester", events[0].Metadata);
        Assert.Equal([3], (await Store.ReadStreamAsync(stream, afterVersion: 2)).Select(e => e.Version));
    }

    [SkippableFact]
    public async Task Given_appends_of_several_events_when_reading_after_a_version_inside_one_then_only_the_later_events_come_back()
    {
        await RequireStoreAsync();
        var stream = $"spec/{Guid.NewGuid():N}";
        Assert.True(await Store.AppendAsync(stream, 0, [Event("a", "{}"), Event("b", "{}"), Event("c", "{}")]));
        Assert.True(await Store.AppendAsync(stream, 3, [Event("d", "{}"), Event("e", "{}")]));

        // A snapshot taken at version 2 reads from the middle of the first append
        var events = await Store.ReadStreamAsync(stream, afterVersion: 2);

        Assert.Equal([3, 4, 5], events.Select(e => e.Version));
        Assert.Equal(["c", "d", "e"], events.Select(e => e.EventType));
        Assert.Empty(await Store.ReadStreamAsync(stream, afterVersion: 5));
        Assert.Equal(["e"], (await Store.ReadStreamAsync(stream, afterVersion: 4)).Select(e => e.EventType));
    }

    [SkippableFact]
    public async Task Given_a_stream_at_version_2_when_a_writer_expects_version_1_then_nothing_is_stored()
    {
        await RequireStoreAsync();
        var stream = $"spec/{Guid.NewGuid():N}";
        await Store.AppendAsync(stream, 0, [Event("a", "{}"), Event("b", "{}")]);

        Assert.False(await Store.AppendAsync(stream, 1, [Event("late", "{}")]));
        Assert.False(await Store.AppendAsync(stream, 0, [Event("late", "{}")]));

        Assert.Equal(["a", "b"], (await Store.ReadStreamAsync(stream)).Select(e => e.EventType));
    }

    [SkippableFact]
    public async Task Given_concurrent_writers_on_one_stream_then_every_conflict_is_detected_and_no_event_is_lost()
    {
        await RequireStoreAsync();
        var stream = $"spec/{Guid.NewGuid():N}";
        const int writers = 8, eventsPerWriter = 15;
        var conflicts = 0;
        var written = new ConcurrentBag<Guid>();
        // Every writer reads version 0 before any of them appends, so the first round is a guaranteed race.
        var readersAtStart = 0;
        var allHaveRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < eventsPerWriter; i++)
            {
                var e = Event($"w{writer}", $$"""{"i":{{i}}}""");
                while (true)
                {
                    var version = (await Store.ReadStreamAsync(stream)).Count;
                    if (i == 0 && Interlocked.Increment(ref readersAtStart) <= writers)
                    {
                        if (Volatile.Read(ref readersAtStart) == writers)
                            allHaveRead.TrySetResult();
                        await allHaveRead.Task;
                    }

                    if (await Store.AppendAsync(stream, version, [e]))
                        break;
                    Interlocked.Increment(ref conflicts);
                }

                written.Add(e.EventId);
            }
        })));

        var stored = await Store.ReadStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, writers * eventsPerWriter), stored.Select(e => e.Version));
        Assert.Equal(written.OrderBy(id => id), stored.Select(e => e.EventId).OrderBy(id => id));
        Assert.True(conflicts >= writers - 1, $"the first round should have produced {writers - 1} conflicts, saw {conflicts}");
    }

    [SkippableFact]
    public async Task Given_two_writers_at_the_same_version_then_exactly_one_wins()
    {
        await RequireStoreAsync();
        var stream = $"spec/{Guid.NewGuid():N}";
        await Store.AppendAsync(stream, 0, [Event("first", "{}")]);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => Store.AppendAsync(stream, 1, [Event($"racer{i}", "{}")]))));

        Assert.Single(results, r => r);
        Assert.Equal(2, (await Store.ReadStreamAsync(stream)).Count);
    }

    [SkippableFact]
    public async Task Given_a_snapshot_when_an_older_one_is_saved_then_the_newer_one_is_kept()
    {
        await RequireStoreAsync();
        var stream = $"spec/{Guid.NewGuid():N}";
        await Store.AppendAsync(stream, 0, Enumerable.Range(0, 10).Select(i => Event("e", "{}")).ToList());

        await Store.SaveSnapshotAsync(stream, new StoredSnapshot(10, "State", 1, """{"count":10}"""));
        await Store.SaveSnapshotAsync(stream, new StoredSnapshot(5, "State", 1, """{"count":5}"""));

        var snapshot = await Store.ReadSnapshotAsync(stream);
        Assert.Equal(10, snapshot!.Version);
        Assert.Null(await Store.ReadSnapshotAsync($"spec/{Guid.NewGuid():N}"));
    }
}

public sealed class InMemoryEventStoreSpecs : EventStoreSpecs
{
    public override Task InitializeAsync()
    {
        Store = new InMemoryEventStore();
        return Task.CompletedTask;
    }
}

public sealed class PostgresEventStoreSpecs : EventStoreSpecs
{
    private MigratedDatabase? _database;

    public override async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateIfAvailableAsync("eventstore");
        if (_database is not null)
            Store = new PostgresEventStore(_database.DataSource);
    }

    protected override Task RequireStoreAsync() => PostgresServer.EnsureAvailableAsync();

    public override async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [SkippableFact]
    public async Task Given_stored_events_then_the_database_refuses_to_change_or_delete_them()
    {
        await PostgresServer.EnsureAvailableAsync();
        var stream = $"spec/{Guid.NewGuid():N}";
        await Store.AppendAsync(stream, 0, [new EventToAppend(Guid.NewGuid(), "a", "{}", null)]);

        await using var update = _database!.DataSource.CreateCommand("UPDATE event_pages SET event_types = '{b}' WHERE stream_id = @s");
        update.Parameters.AddWithValue("s", stream);
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.MessageText);

        await using var delete = _database.DataSource.CreateCommand("DELETE FROM event_pages WHERE stream_id = @s");
        delete.Parameters.AddWithValue("s", stream);
        await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
    }
}
