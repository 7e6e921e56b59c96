using GemScheduling.Persistence.Database;
using GemScheduling.Persistence.Emails;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Tests.Infrastructure;
using Npgsql;

namespace GemScheduling.Tests.Foundation;

/// <summary>
/// Event appends, the sent-email log and the schedule index share commits: each write still gets the answer it would
/// have had alone, whatever else is in its transaction.
/// </summary>
public sealed class SharedCommitSpecs : IAsyncLifetime
{
    private MigratedDatabase? _database;
    private GroupCommitter? _committer;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateIfAvailableAsync("sharedcommit");
        // One batch at a time, lingering, so writes started together share a transaction.
        if (_database is not null)
            _committer = new GroupCommitter(_database.DataSource, new GroupCommitOptions { MaxBatchesInFlight = 1, Linger = TimeSpan.FromMilliseconds(20) });
    }

    public async Task DisposeAsync()
    {
        if (_committer is not null)
            await _committer.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    private NpgsqlDataSource DataSource => _database!.DataSource;

    [SkippableFact]
    public async Task Given_appends_emails_and_index_rows_committed_together_when_PostgreSQL_refuses_one_email_then_only_that_email_fails()
    {
        await PostgresServer.EnsureAvailableAsync();
        var store = new GroupCommitEventStore(_committer!, DataSource);
        var emails = new PostgresSentEmailLog(DataSource, _committer!);
        var index = new PostgresScheduleIndex(DataSource, _committer!);
        var now = DateTimeOffset.UtcNow;

        var writes = new List<Task>();
        for (var i = 0; i < 6; i++)
        {
            writes.Add(store.AppendAsync($"schedule/org_shared/sch_{i}", 0, [new EventToAppend(Guid.NewGuid(), "e", $$"""{"n":{{i}}}""", null)]));
            writes.Add(emails.RecordAsync(Email($"em_{i}", i == 3 ? "Hello\0there" : "Hello", now)));
            writes.Add(index.UpsertAsync(Entry($"sch_{i}", now)));
        }

        var outcomes = await Task.WhenAll(writes.Select(async w => { try { await w; return null; } catch (Exception ex) { return ex; } }));

        Assert.IsAssignableFrom<PostgresException>(Assert.Single(outcomes.OfType<Exception>()));
        Assert.True(_committer!.Statistics.Fallbacks >= 1, "the refused email shared a transaction with other writes");
        for (var i = 0; i < 6; i++)
        {
            Assert.Single(await store.ReadStreamAsync($"schedule/org_shared/sch_{i}"));
            Assert.Equal(i != 3, await emails.GetAsync("org_shared", $"em_{i}") is not null);
        }

        var listed = await index.ListAsync("org_shared", new ScheduleIndexQuery(null, null, 50, null, now));
        Assert.Equal(6, listed.Count);
    }

    [SkippableFact]
    public async Task Given_the_same_email_recorded_twice_in_one_transaction_then_exactly_one_record_is_the_first()
    {
        await PostgresServer.EnsureAvailableAsync();
        var emails = new PostgresSentEmailLog(DataSource, _committer!);
        var now = DateTimeOffset.UtcNow;
        var (batchesBefore, _, _) = _committer!.Statistics;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => emails.RecordAsync(Email("em_twice", "Hello", now))));

        Assert.Single(answers, first => first);
        Assert.True(_committer.Statistics.Batches > batchesBefore, "the records shared a transaction");
    }

    private static SentEmail Email(string id, string body, DateTimeOffset at) =>
        new("org_shared", id, "sch_0", 1, 2, "scheduled", "candidate@example.com", "recruiting@example.com", [], "Your interviews", body, null, "local", at);

    private static ScheduleIndexEntry Entry(string scheduleId, DateTimeOffset at) =>
        new("org_shared", scheduleId, 1, 2, "scheduled", "synced", 0, 0, null, 0, at, at.AddHours(1), 0, 1, at);
}
