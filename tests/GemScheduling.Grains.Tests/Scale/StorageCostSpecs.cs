using GemScheduling.Greenhouse.Budget;
using GemScheduling.Persistence;
using Npgsql;

namespace GemScheduling.Grains.Tests.Scale;

/// <summary>What keeps PostgreSQL's work per operation down without changing what is stored.</summary>
public sealed class StorageCostSpecs
{
    [Fact]
    public void Given_an_operators_bare_connection_string_when_the_service_opens_it_then_its_defaults_apply()
    {
        var applied = new NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.WithServiceDefaults(
            "Host=db;Username=gs;Password=secret;Database=gs"));

        Assert.Equal(3, applied.Timeout);
        Assert.Equal(10, applied.CommandTimeout);
        Assert.True(applied.NoResetOnClose);
        Assert.Equal(64, applied.MaxAutoPrepare);
        Assert.Equal("gemscheduling", applied.ApplicationName);
    }

    [Fact]
    public void Given_an_operators_bare_connection_string_when_Orleans_providers_open_it_then_they_get_the_pool_defaults_and_keep_npgsqls_timeouts()
    {
        var applied = new NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.WithPoolDefaults("Host=db;Username=gs;Password=secret;Database=gs"));

        Assert.Equal((15, 30), (applied.Timeout, applied.CommandTimeout));
        Assert.Equal((true, 64, "gemscheduling"), (applied.NoResetOnClose, applied.MaxAutoPrepare, applied.ApplicationName));
    }

    [Theory]
    [InlineData("Host=db;Timeout=20;Command Timeout=0;No Reset On Close=false;Max Auto Prepare=0;Application Name=ops")]
    [InlineData("Host=db;timeout=20;CommandTimeout=0;NoResetOnClose=false;MaxAutoPrepare=0;ApplicationName=ops")]
    public void Given_an_operator_who_chose_each_setting_when_the_service_opens_it_then_the_operators_choice_stands(string given)
    {
        var applied = new NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.WithServiceDefaults(given));

        Assert.Equal(20, applied.Timeout);
        Assert.Equal(0, applied.CommandTimeout);
        Assert.False(applied.NoResetOnClose);
        Assert.Equal(0, applied.MaxAutoPrepare);
        Assert.Equal("ops", applied.ApplicationName);
    }

    [Fact]
    public void Given_thousands_of_granted_slots_when_the_budget_records_them_then_it_keeps_one_bucket_per_tenth_of_a_second_and_loses_none()
    {
        var start = new DateTimeOffset(2026, 12, 6, 9, 0, 0, 123, TimeSpan.Zero);
        var slots = Enumerable.Range(0, 3_000).Select(i => start.AddMilliseconds(i * 3.7)).ToList();

        var buckets = SlotBucket.Of(slots);
        var record = new BudgetRecord { Buckets = buckets };

        Assert.True(buckets.Count <= 112, $"{buckets.Count} buckets for 11.1 s of slots");
        Assert.Equal(slots.Count, record.RecordedSlots().Count());
        var recorded = record.RecordedSlots().Order().ToList();
        var granted = slots.Order().ToList();
        for (var i = 0; i < granted.Count; i++)
        {
            Assert.True(recorded[i] >= granted[i], "a slot is never taken back as earlier than it was granted");
            Assert.True(recorded[i] - granted[i] <= SlotBucket.Width, "and never later than one bucket");
        }
    }

    [Fact]
    public void Given_a_record_written_before_buckets_when_a_successor_reads_it_then_its_slots_still_count()
    {
        var at = DateTimeOffset.UnixEpoch.AddDays(20_000);
        var record = new BudgetRecord { Slots = [at, at.AddSeconds(1)], Buckets = [new SlotBucket(at.AddSeconds(2), 3)] };

        Assert.Equal([at, at.AddSeconds(1), at.AddSeconds(2), at.AddSeconds(2), at.AddSeconds(2)], record.RecordedSlots());
    }
}
