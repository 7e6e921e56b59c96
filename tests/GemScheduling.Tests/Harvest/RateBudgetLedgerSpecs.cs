using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;

namespace GemScheduling.Tests.Harvest;

/// <summary>The rate budget's arithmetic, on a simulated clock.</summary>
public sealed class RateBudgetLedgerSpecs
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>Callers ask, wait as told, and either send (recording the send time) or ask again.</summary>
    private static List<(DateTimeOffset At, HarvestLane Lane)> Simulate(RateBudgetLedger ledger, IEnumerable<(DateTimeOffset Arrives, HarvestLane Lane)> callers, TimeSpan until)
    {
        var sent = new List<(DateTimeOffset, HarvestLane)>();
        var queue = new PriorityQueue<(HarvestLane Lane, bool Reserved), DateTimeOffset>();
        foreach (var (arrives, lane) in callers)
            queue.Enqueue((lane, false), arrives);
        while (queue.TryDequeue(out var caller, out var now) && now < Start + until)
        {
            if (caller.Reserved)
            {
                sent.Add((now, caller.Lane));
                continue;
            }

            var decision = ledger.Reserve(caller.Lane, now);
            queue.Enqueue((caller.Lane, decision.Granted), now + decision.Delay);
        }

        return sent;
    }

    private static int MaxInAnyWindow(IEnumerable<DateTimeOffset> times)
    {
        var sorted = times.OrderBy(t => t).ToList();
        var max = 0;
        for (int i = 0, j = 0; i < sorted.Count; i++)
        {
            while (sorted[i] - sorted[j] >= Window)
                j++;
            max = Math.Max(max, i - j + 1);
        }

        return max;
    }

    [Fact]
    public void Given_a_limit_of_50_when_200_background_callers_and_writers_compete_then_no_10s_interval_sees_more_than_50()
    {
        var ledger = new RateBudgetLedger();
        var callers = Enumerable.Range(0, 2000).Select(i => (Start + TimeSpan.FromMilliseconds(i * 7), i % 10 == 0 ? HarvestLane.Write : HarvestLane.Background));

        var sent = Simulate(ledger, callers, TimeSpan.FromMinutes(10));

        Assert.Equal(2000, sent.Count);
        Assert.True(MaxInAnyWindow(sent.Select(s => s.At)) <= 50);
    }

    [Fact]
    public void Given_background_sync_saturating_the_budget_when_a_write_arrives_then_it_goes_within_one_window()
    {
        var ledger = new RateBudgetLedger();
        var sync = Enumerable.Range(0, 600).Select(i => (Start + TimeSpan.FromMilliseconds(i), HarvestLane.Background));
        var writes = Enumerable.Range(0, 20).Select(i => (Start + TimeSpan.FromSeconds(3 + i * 2.5), HarvestLane.Write));

        var sent = Simulate(ledger, sync.Concat(writes), TimeSpan.FromMinutes(5));

        var writeTimes = sent.Where(s => s.Lane == HarvestLane.Write).Select(s => s.At).ToList();
        Assert.Equal(20, writeTimes.Count);
        var writeArrivals = writes.Select(w => w.Item1).ToList();
        Assert.All(writeTimes.Zip(writeArrivals), pair => Assert.True(pair.First - pair.Second <= Window, $"write waited {(pair.First - pair.Second).TotalSeconds:0.0}s"));
        Assert.True(MaxInAnyWindow(sent.Select(s => s.At)) <= 50);
        Assert.Equal(600, sent.Count(s => s.Lane == HarvestLane.Background));
    }

    [Fact]
    public void Given_an_observed_limit_of_20_then_the_budget_shrinks_to_it()
    {
        var ledger = new RateBudgetLedger();
        ledger.Observe(new RateLimitObservation(Start, 20, 19, false, null));

        var sent = Simulate(ledger, Enumerable.Range(0, 200).Select(i => (Start + TimeSpan.FromMilliseconds(i), HarvestLane.Interactive)), TimeSpan.FromMinutes(5));

        Assert.True(MaxInAnyWindow(sent.Select(s => s.At)) <= 20);
        Assert.Equal(20, ledger.Snapshot(Start).Limit);
    }

    [Fact]
    public void Given_a_429_then_every_lane_waits_until_Retry_After()
    {
        var ledger = new RateBudgetLedger();
        ledger.Observe(new RateLimitObservation(Start, 50, 0, true, TimeSpan.FromSeconds(7)));

        var write = ledger.Reserve(HarvestLane.Write, Start);
        var background = ledger.Reserve(HarvestLane.Background, Start);

        Assert.True(write.Granted);
        Assert.Equal(TimeSpan.FromSeconds(7), write.Delay);
        Assert.False(background.Granted);
        Assert.Equal(1, ledger.Snapshot(Start).TooManyRequestsSeen);
    }

    [Fact]
    public void Given_Greenhouse_reports_less_remaining_than_we_used_then_the_difference_is_charged()
    {
        var ledger = new RateBudgetLedger();
        ledger.Reserve(HarvestLane.Interactive, Start);

        // Someone else used 39 more requests of this key in the window.
        ledger.Observe(new RateLimitObservation(Start, 50, 10, false, null));

        Assert.Equal(40, ledger.Snapshot(Start).UsedInWindow);
        var sent = Simulate(ledger, Enumerable.Range(0, 50).Select(i => (Start, HarvestLane.Interactive)), TimeSpan.FromSeconds(5));
        Assert.Equal(10, sent.Count);
    }

    [Fact]
    public void Given_many_writes_at_once_then_a_reservation_is_never_further_ahead_than_allowed()
    {
        var ledger = new RateBudgetLedger(new RateBudgetOptions { MaxReservationAhead = TimeSpan.FromSeconds(15) });

        var decisions = Enumerable.Range(0, 300).Select(_ => ledger.Reserve(HarvestLane.Write, Start)).ToList();

        Assert.All(decisions.Where(d => d.Granted), d => Assert.True(d.Delay <= TimeSpan.FromSeconds(15)));
        Assert.Contains(decisions, d => !d.Granted);
    }

    [Fact]
    public void Given_a_ledger_that_died_mid_window_when_a_successor_resumes_its_watermark_then_no_window_sees_more_than_the_limit()
    {
        var options = new RateBudgetOptions();
        var first = new RateBudgetLedger(options);
        var sent = Simulate(first, Enumerable.Range(0, 30).Select(i => (Start.AddMilliseconds(i * 10), HarvestLane.Interactive)), TimeSpan.FromSeconds(1));
        var (slots, paused) = first.Watermark(Start.AddSeconds(1));
        const int unrecorded = 5; // grants the dead activation may have made after it recorded
        var after = Enumerable.Range(0, unrecorded).Select(i => Start.AddSeconds(1).AddMilliseconds(i));

        var successor = new RateBudgetLedger(options);
        successor.Resume(slots, unrecorded, Start.AddSeconds(2), paused, first.Limit, Start.AddSeconds(2), TimeSpan.FromSeconds(5));
        var resumed = Simulate(successor, Enumerable.Range(0, 200).Select(i => (Start.AddSeconds(2).AddMilliseconds(i * 5), HarvestLane.Interactive)), TimeSpan.FromSeconds(40));

        Assert.Equal(30, sent.Count);
        Assert.True(MaxInAnyWindow(sent.Select(s => s.At).Concat(after).Concat(resumed.Select(s => s.At))) <= first.Limit);
        Assert.NotEmpty(resumed);
    }

    [Fact]
    public void Given_a_pause_from_a_429_when_a_successor_resumes_then_it_sends_nothing_before_the_pause_ends()
    {
        var first = new RateBudgetLedger();
        first.Observe(new RateLimitObservation(Start, 50, 0, Throttled: true, RetryAfter: TimeSpan.FromSeconds(8)));
        var (slots, paused) = first.Watermark(Start.AddSeconds(1));

        var successor = new RateBudgetLedger();
        successor.Resume(slots, 0, Start.AddSeconds(1), paused, null, Start.AddSeconds(1), TimeSpan.FromSeconds(5));
        var sent = Simulate(successor, [(Start.AddSeconds(2), HarvestLane.Write)], TimeSpan.FromSeconds(30));

        Assert.Equal(Start.AddSeconds(8), paused);
        Assert.True(Assert.Single(sent).At >= Start.AddSeconds(8));
    }

    [Fact]
    public void Given_a_record_from_a_silo_whose_clock_ran_an_hour_fast_when_resumed_then_the_successor_waits_seconds_not_an_hour()
    {
        var options = new RateBudgetOptions();
        var successor = new RateBudgetLedger(options);
        var skewed = Start.AddHours(1);

        successor.Resume([skewed], 10, skewed, skewed.AddMinutes(1), limit: 20, Start, TimeSpan.FromSeconds(5));
        var sent = Simulate(successor, [(Start, HarvestLane.Write)], TimeSpan.FromMinutes(10));

        Assert.Equal(20, successor.Limit); // the limit Greenhouse announced, not the default
        Assert.InRange(Assert.Single(sent).At - Start, TimeSpan.Zero, TimeSpan.FromMinutes(5) + options.Window + options.Guard);
    }

    [Fact]
    public void Given_a_slot_granted_ahead_when_a_429_pauses_the_budget_before_its_time_then_confirming_it_says_wait_for_the_pause()
    {
        var ledger = new RateBudgetLedger();
        for (var i = 0; i < 50; i++)
            ledger.Reserve(HarvestLane.Write, Start); // the window is full
        var ahead = ledger.Reserve(HarvestLane.Write, Start);
        Assert.True(ahead.Granted);
        Assert.True(ahead.Delay > TimeSpan.FromSeconds(5), $"granted only {ahead.Delay} ahead");

        ledger.Observe(new RateLimitObservation(Start + TimeSpan.FromSeconds(1), 50, 0, true, TimeSpan.FromSeconds(30)));
        var confirmed = ledger.Confirm(Start + ahead.Delay);

        Assert.False(confirmed.Granted);
        Assert.Equal(Start + TimeSpan.FromSeconds(31), Start + ahead.Delay + confirmed.Delay);
        Assert.True(ledger.Confirm(Start + TimeSpan.FromSeconds(31)).Granted);
    }

    [Fact]
    public async Task Given_a_caller_waiting_for_a_slot_granted_ahead_when_a_429_pauses_the_budget_then_it_goes_only_after_the_pause()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start);
        var gate = new LocalHarvestRateGate(clock);
        for (var i = 0; i < 50; i++)
            await gate.WaitForTurnAsync("org", HarvestLane.Write, null, CancellationToken.None);
        var waiting = gate.WaitForTurnAsync("org", HarvestLane.Write, null, CancellationToken.None); // granted ahead: about 11 s
        Assert.False(waiting.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        gate.Observe("org", new RateLimitObservation(clock.GetUtcNow(), 50, 0, true, TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 40 && !waiting.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.True(waiting.IsCompleted, "the caller never went");
        Assert.True(clock.GetUtcNow() >= Start + TimeSpan.FromSeconds(31), $"the caller went at {clock.GetUtcNow() - Start}, inside the 429's pause");
    }

    [Fact]
    public void Given_a_full_window_when_a_caller_will_wait_less_than_the_next_free_slot_then_it_is_told_to_ask_again_and_no_slot_is_taken()
    {
        var ledger = new RateBudgetLedger();
        for (var i = 0; i < 50; i++)
            ledger.Reserve(HarvestLane.Write, Start); // the next free slot is 11 s ahead
        var used = ledger.Snapshot(Start).WritesReservedAhead + ledger.Snapshot(Start).UsedInWindow;

        var impatient = ledger.Reserve(HarvestLane.Write, Start, within: TimeSpan.FromSeconds(5));
        var patient = ledger.Reserve(HarvestLane.Write, Start, within: TimeSpan.FromSeconds(12));

        Assert.False(impatient.Granted);
        Assert.True(impatient.Delay > TimeSpan.FromSeconds(5));
        Assert.True(patient is { Granted: true }, $"a caller waiting 12 s was not given the slot {patient.Delay} ahead");
        Assert.Equal(used + 1, ledger.Snapshot(Start).WritesReservedAhead + ledger.Snapshot(Start).UsedInWindow);
    }
}
