using GemScheduling.Budget;
using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Greenhouse.Budget;

/// <summary>
/// Holds one org's <see cref="RateBudgetLedger"/>. One activation per org (and Harvest version: v3 has its own window
/// and limit) in the whole cluster makes the budget global. So that a silo dying does not hand a fresh, empty window to
/// the next activation, the ledger is recorded (<see cref="BudgetRecord"/>) before it grants past what was last recorded:
/// at most every <see cref="RecordEvery"/> grants or <see cref="Promise"/> of time. A new activation counts the recorded
/// slots, and <see cref="RecordEvery"/> more at the end of the promise, as used.
/// </summary>
public sealed class HarvestRateBudgetGrain(
    TimeProvider time, RateBudgetOptions options, [PersistentState("harvest-budget")] IPersistentState<BudgetRecord> record,
    ILogger<HarvestRateBudgetGrain> logger) : Grain, IHarvestRateBudgetGrain
{
    internal const int RecordEvery = 10;
    internal static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);

    /// <summary>Names this activation in its grants, so a slot granted by one that died is recognised at <see cref="Confirm"/>.</summary>
    private readonly Guid _activation = Guid.NewGuid();

    private RateBudgetLedger _ledger = null!;
    private int _grantsSinceRecord;
    private DateTimeOffset _recordedUntil = DateTimeOffset.MinValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = new RateBudgetLedger(options.ForBudgetKey(this.GetPrimaryKeyString()));
        if (record.State.GrantsUntil is { } until)
            _ledger.Resume(record.State.RecordedSlots(), record.State.Unrecorded, until, record.State.PausedUntil, record.State.Limit, time.GetUtcNow(), Promise);
        return Task.CompletedTask;
    }

    public Task<BudgetReservation> Reserve(BudgetLane lane) => ReserveWithin(lane, null);

    public async Task<BudgetReservation> ReserveWithin(BudgetLane lane, TimeSpan? within)
    {
        var now = time.GetUtcNow();
        var decision = _ledger.Reserve((HarvestLane)lane, now, within);
        if (decision.Granted)
        {
            var at = now + decision.Delay;
            if (++_grantsSinceRecord >= RecordEvery || at > _recordedUntil)
                await RecordAsync(now, unrecorded: RecordEvery, grantsUntil: (at > now ? at : now) + Promise);
        }

        return new BudgetReservation(decision.Granted, decision.Delay, _activation);
    }

    public async Task<BudgetReservation> Confirm(BudgetLane lane, Guid grantedBy, TimeSpan? within = null)
    {
        // A slot another activation granted: that activation's grants are counted as used (Resume), but its caller cannot
        // be told apart from the new ones, so it takes a slot of this activation's own.
        if (grantedBy != _activation)
            return await ReserveWithin(lane, within);
        var decision = _ledger.Confirm(time.GetUtcNow());
        return new BudgetReservation(decision.Granted, decision.Delay, _activation);
    }

    public Task ObserveThrottled(BudgetObservation observation) => Observe(observation);

    public async Task Observe(BudgetObservation observation)
    {
        _ledger.Observe(new RateLimitObservation(observation.At, observation.Limit, observation.Remaining, observation.Throttled, observation.RetryAfter));
        if (observation.Throttled)
            await RecordAsync(time.GetUtcNow(), RecordEvery, _recordedUntil > time.GetUtcNow() ? _recordedUntil : time.GetUtcNow() + Promise);
    }

    public Task<BudgetStatus> GetStatus()
    {
        var s = _ledger.Snapshot(time.GetUtcNow());
        return Task.FromResult(new BudgetStatus(
            s.Limit, s.Window.TotalSeconds, s.UsedInWindow,
            new Dictionary<string, int> { ["write"] = s.WritesReservedAhead, ["interactive"] = s.InteractiveReservedAhead, ["background"] = s.BackgroundReservedAhead },
            new Dictionary<string, long> { ["write"] = s.WritesGranted, ["interactive"] = s.InteractiveGranted, ["background"] = s.BackgroundGranted },
            new Dictionary<string, long> { ["write"] = s.WritesDeferred, ["interactive"] = s.InteractiveDeferred, ["background"] = s.BackgroundDeferred },
            s.TooManyRequestsSeen, s.LastRemaining, s.PausedUntil));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A clean hand-over: the slots granted (to the next 100 ms), nothing assumed.
        var now = time.GetUtcNow();
        var (slots, paused) = _ledger.Watermark(now);
        if (slots.Count == 0 && paused is null && record.RecordExists)
            await TryAsync(() => record.ClearStateAsync());
        else if (slots.Count > 0 || paused is not null)
            await RecordAsync(now, unrecorded: 0, grantsUntil: now);
    }

    private async Task RecordAsync(DateTimeOffset now, int unrecorded, DateTimeOffset grantsUntil)
    {
        var (slots, paused) = _ledger.Watermark(now);
        record.State = new BudgetRecord { Buckets = SlotBucket.Of(slots), PausedUntil = paused, GrantsUntil = grantsUntil, Unrecorded = unrecorded, Limit = _ledger.Limit };
        if (await TryAsync(() => record.WriteStateAsync()))
            (_grantsSinceRecord, _recordedUntil) = (0, grantsUntil);
    }

    /// <summary>A budget that cannot be recorded still grants (Greenhouse calls go on); only a failover in that moment could overrun.</summary>
    private async Task<bool> TryAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Harvest budget {Budget} could not be recorded; a failover now could start from an empty window", this.GetPrimaryKeyString());
            return false;
        }
    }
}

/// <summary>What a budget activation has granted, for the next one if it dies.</summary>
[GenerateSerializer, Alias("gs.harvest-budget-record")]
public sealed class BudgetRecord
{
    /// <summary>Slots granted or charged in the last window + guard, one by one (records written before buckets).</summary>
    [Id(0)] public List<DateTimeOffset> Slots { get; set; } = [];

    /// <summary>The same slots, counted per bucket: a record's size follows the window, not the limit.</summary>
    [Id(5)] public List<SlotBucket> Buckets { get; set; } = [];

    [Id(1)] public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>No grant after this time was made without recording again first.</summary>
    [Id(2)] public DateTimeOffset? GrantsUntil { get; set; }

    /// <summary>How many grants may have followed the recorded slots.</summary>
    [Id(3)] public int Unrecorded { get; set; }

    /// <summary>The limit Greenhouse last announced (the successor starts from it, not from the default).</summary>
    [Id(4)] public int? Limit { get; set; }

    public IEnumerable<DateTimeOffset> RecordedSlots() => Slots.Concat(Buckets.SelectMany(b => Enumerable.Repeat(b.End, b.Count)));
}

/// <summary>
/// <see cref="Count"/> slots granted or charged before <see cref="End"/>. Each is taken back as if granted at the end of
/// its bucket, so a successor counts it used a little longer than it was, never shorter.
/// </summary>
[GenerateSerializer, Alias("gs.harvest-budget-slot-bucket")]
public sealed record SlotBucket([property: Id(0)] DateTimeOffset End, [property: Id(1)] int Count)
{
    internal static readonly TimeSpan Width = TimeSpan.FromMilliseconds(100);

    public static List<SlotBucket> Of(IEnumerable<DateTimeOffset> slots) =>
        slots.GroupBy(CeilingOf).OrderBy(g => g.Key).Select(g => new SlotBucket(g.Key, g.Count())).ToList();

    private static DateTimeOffset CeilingOf(DateTimeOffset at)
    {
        var ticks = (at.UtcTicks + Width.Ticks - 1) / Width.Ticks * Width.Ticks;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
