using System.Collections.Concurrent;
using CsCheck;
using GemScheduling.Persistence.Database;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Tests.Infrastructure;
using Npgsql;

namespace GemScheduling.Tests.Foundation;

/// <summary>The event-store contract, kept by the group-committing store.</summary>
public sealed class GroupCommitEventStoreSpecs : EventStoreSpecs
{
    private MigratedDatabase? _database;
    private GroupCommitEventStore? _store;

    public override async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateIfAvailableAsync("groupcommit");
        if (_database is not null)
            Store = _store = new GroupCommitEventStore(_database.DataSource, new GroupCommitOptions { MaxBatchesInFlight = 1, Linger = TimeSpan.FromMilliseconds(2) });
    }

    protected override Task RequireStoreAsync() => PostgresServer.EnsureAvailableAsync();

    public override async Task DisposeAsync()
    {
        if (_store is not null)
            await _store.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}

/// <summary>
/// Group commit against the simple store: the same scripts of appends give the same answers and the same streams,
/// whatever shares a transaction with what; and a connection lost mid-batch leaves each append fully in or fully out.
/// </summary>
public sealed class GroupCommitSpecs : IAsyncLifetime
{
    private MigratedDatabase? _database;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateIfAvailableAsync("groupcommit_prop");

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }

    private NpgsqlDataSource DataSource => _database!.DataSource;

    private enum Expect { Current, Stale, Ahead }

    /// <summary>One append of a stream's script: how many events, which version it expects, and what PostgreSQL will refuse in it.</summary>
    private sealed record Step(int Events, Expect Expect, bool Poisoned, bool ReusesAnId);

    private static readonly Gen<Step> StepGen =
        from events in Gen.Int[1, 3]
        from expect in Gen.Frequency((8, Gen.Const(Expect.Current)), (1, Gen.Const(Expect.Stale)), (1, Gen.Const(Expect.Ahead)))
        from poison in Gen.Int[0, 11]
        from reuse in Gen.Int[0, 11]
        select new Step(events, expect, poison == 0, reuse == 0);

    private static readonly Gen<Step[][]> ScriptsGen = StepGen.Array[1, 6].Array[2, 24];

    [SkippableFact]
    public async Task Given_concurrent_writers_with_stale_versions_and_refused_events_then_the_batched_store_answers_and_stores_as_the_simple_one()
    {
        await PostgresServer.EnsureAvailableAsync();
        var simple = new PostgresEventStore(DataSource);
        await using var batched = new GroupCommitEventStore(DataSource, new GroupCommitOptions { MaxBatchesInFlight = 1, Linger = TimeSpan.FromMilliseconds(2) });

        await ScriptsGen.SampleAsync(async scripts =>
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            // The simple store one stream after another; the batched one with every stream writing at once.
            var expected = new List<string>();
            for (var s = 0; s < scripts.Length; s++)
                expected.Add(await RunScriptAsync(simple, $"simple{run}/{s}", scripts[s]));
            var actual = await Task.WhenAll(scripts.Select((script, s) => Task.Run(() => RunScriptAsync(batched, $"batched{run}/{s}", script))));

            for (var s = 0; s < scripts.Length; s++)
            {
                if (expected[s] != actual[s])
                    return false;
                var a = await simple.ReadStreamAsync($"simple{run}/{s}");
                var b = await simple.ReadStreamAsync($"batched{run}/{s}");
                if (!a.Select(e => (e.Version, e.EventType, e.Data)).SequenceEqual(b.Select(e => (e.Version, e.EventType, e.Data))))
                    return false;
            }

            return true;
        }, iter: 25, threads: 1);

        var (batches, appends, fallbacks) = batched.Statistics;
        Assert.True(batches > 0 && appends > batches, $"the run must have shared commits to prove anything: {batches} batches of {appends} appends");
        Assert.True(fallbacks > 0, "a refused event must have failed a whole batch at least once");
    }

    /// <summary>Runs one stream's steps in order; returns what each got ("ok", "conflict", "refused") and the versions.</summary>
    private static async Task<string> RunScriptAsync(IEventStore store, string stream, Step[] steps)
    {
        var answers = new List<string>();
        var version = 0;
        var ids = new List<Guid>();
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var expectedVersion = step.Expect switch
            {
                Expect.Current => version,
                Expect.Stale when version > 0 => version - 1,
                _ => version + 1,
            };
            var events = Enumerable.Range(0, step.Events).Select(n => new EventToAppend(
                n == 0 && step.ReusesAnId && ids.Count > 0 ? ids[0] : Guid.NewGuid(),
                $"step{i}.{n}",
                step.Poisoned && n == step.Events - 1 ? """{"note":"\u0000"}""" : $$"""{"step":{{i}},"n":{{n}}}""",
                null)).ToList();
            ids.AddRange(events.Select(e => e.EventId));
            try
            {
                var stored = await store.AppendAsync(stream, expectedVersion, events);
                answers.Add(stored ? "ok" : "conflict");
                if (stored)
                    version += events.Count;
            }
            catch (EventRejectedException)
            {
                answers.Add("refused");
            }
        }

        return $"{string.Join(",", answers)} -> v{version}";
    }

    [SkippableFact]
    public async Task Given_batches_in_flight_when_the_database_connection_is_cut_then_each_append_is_fully_in_or_fully_out()
    {
        await PostgresServer.EnsureAvailableAsync();
        var target = new NpgsqlConnectionStringBuilder(_database!.ConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 2, CommandTimeout = 5, MaxPoolSize = 4 };
        await using var proxied = NpgsqlDataSource.Create(throughProxy.ConnectionString);
        await using var store = new GroupCommitEventStore(proxied, new GroupCommitOptions { MaxBatchesInFlight = 2, Linger = TimeSpan.FromMilliseconds(1) });

        // Given 32 writers, each appending 3 events at a time to its own stream
        var outcomes = new ConcurrentBag<(Guid[] Ids, string Outcome)>();
        var appended = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 32).Select(w => Task.Run(async () =>
        {
            var version = 0;
            while (!stop.IsCancellationRequested)
            {
                var events = Enumerable.Range(0, 3).Select(n => new EventToAppend(Guid.NewGuid(), "e", $$"""{"w":{{w}},"n":{{n}}}""", null)).ToList();
                var ids = events.Select(e => e.EventId).ToArray();
                try
                {
                    var stored = await store.AppendAsync($"crash/{w}", version, events);
                    outcomes.Add((ids, stored ? "ok" : "conflict"));
                    version += stored ? 3 : 0;
                    Interlocked.Increment(ref appended);
                }
                catch (EventStoreUnavailableException)
                {
                    outcomes.Add((ids, "unknown"));
                    return; // this writer no longer knows its version
                }
            }
        })).ToList();

        // When the connection drops while batches are being committed
        while (Volatile.Read(ref appended) < 300)
            await Task.Delay(5);
        proxy.Cut();
        await Task.Delay(500);
        stop.Cancel();
        await Task.WhenAll(writers);

        // Then every acknowledged append is stored whole, no refused one is, and an unanswered one is all or nothing
        var stored = new HashSet<Guid>();
        await using (var read = DataSource.CreateCommand("SELECT event_id FROM events WHERE stream_id LIKE 'crash/%'"))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                stored.Add(reader.GetGuid(0));
        Assert.Contains(outcomes, o => o.Outcome == "unknown");
        foreach (var (ids, outcome) in outcomes)
        {
            var present = ids.Count(stored.Contains);
            switch (outcome)
            {
                case "ok": Assert.Equal(3, present); break;
                case "conflict": Assert.Equal(0, present); break;
                default: Assert.True(present is 0 or 3, $"an append was cut in half: {present} of 3 events stored"); break;
            }
        }

        for (var w = 0; w < 32; w++)
            Assert.Equal(Enumerable.Range(1, (await new PostgresEventStore(DataSource).ReadStreamAsync($"crash/{w}")).Count),
                (await new PostgresEventStore(DataSource).ReadStreamAsync($"crash/{w}")).Select(e => e.Version));
    }
}
