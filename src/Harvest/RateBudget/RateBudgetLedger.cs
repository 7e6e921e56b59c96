namespace GemScheduling.Harvest.RateBudget;

/// <summary>
/// One org's Harvest rate budget: at most <c>limit</c> requests in any interval of window + guard, so no fixed server
/// window can see more than the limit. Writes and interactive reads reserve the earliest free slot (first come, first
/// served, possibly a little ahead); background sync only takes a slot that is free now and leaves headroom, and never
/// holds a future slot — so it can delay a write by at most one window. Responses keep it honest: a lower
/// X-RateLimit-Remaining than we account for (someone else uses the key) is charged, and a 429 pauses every lane.
/// Not thread-safe: it lives inside one grain activation (or behind a lock).
/// </summary>
public sealed class RateBudgetLedger(RateBudgetOptions? options = null)
{
    private readonly RateBudgetOptions _options = options ?? new RateBudgetOptions();
    private readonly List<(DateTimeOffset At, HarvestLane? Lane)> _slots = []; // sorted by time; lane null = charged, not ours
    private readonly long[] _granted = new long[3];
    private readonly long[] _deferred = new long[3];
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private int? _lastRemaining;
    private long _throttled;

    public int Limit { get; private set; } = (options ?? new RateBudgetOptions()).DefaultLimit;

    private TimeSpan Span => _options.Window + _options.Guard;

    private int BackgroundCapacity => Math.Max(1, Limit - Math.Max(1, (int)Math.Ceiling(Limit * _options.BackgroundHeadroom)));

    /// <param name="within">
    /// How long the caller will wait for its slot: a slot further ahead is not granted (the caller is told when to ask
    /// again), since a caller that gives up leaves its slot unused and counted — under a burst, every grant would then lie
    /// beyond every caller's wait and nothing would be sent at all.
    /// </param>
    public ReservationDecision Reserve(HarvestLane lane, DateTimeOffset now, TimeSpan? within = null)
    {
        Prune(now);
        var earliest = Max(now, _pausedUntil, _slots.Count == 0 ? now : _slots[^1].At);

        if (lane == HarvestLane.Background)
        {
            if (earliest > now || CountSince(now - Span) >= BackgroundCapacity)
                return Defer(lane, Max(earliest, FreeAt(BackgroundCapacity)) - now);
            return Grant(lane, now, now);
        }

        var at = Max(earliest, FreeAt(Limit));
        var ahead = within is { } wait && wait < _options.MaxReservationAhead ? (wait > TimeSpan.Zero ? wait : TimeSpan.Zero) : _options.MaxReservationAhead;
        if (at - now > ahead)
            return Defer(lane, at - now - ahead + TimeSpan.FromMilliseconds(50));
        return Grant(lane, at, now);
    }

    /// <summary>When a 429's pause ends, if it has not yet.</summary>
    public DateTimeOffset? PausedUntil(DateTimeOffset now) => _pausedUntil > now ? _pausedUntil : null;

    /// <summary>
    /// Whether a slot granted ahead may be used now: not while a 429's pause (which may have come after the grant) lasts;
    /// then ask again when it ends.
    /// </summary>
    public ReservationDecision Confirm(DateTimeOffset now) =>
        PausedUntil(now) is { } until ? ReservationDecision.AskAgainAfter(until - now) : ReservationDecision.GoAfter(TimeSpan.Zero);

    public void Observe(RateLimitObservation observation)
    {
        if (observation.Limit is > 0 and var limit)
            Limit = limit;
        _lastRemaining = observation.Remaining ?? _lastRemaining;
        if (observation.Throttled)
        {
            // Retry-After is when Greenhouse's window resets: pausing until then already accounts for its usage.
            _throttled++;
            var until = observation.At + (observation.RetryAfter ?? _options.Window);
            if (until > _pausedUntil)
                _pausedUntil = until;
            return;
        }

        if (observation.Remaining is { } remaining)
        {
            // Greenhouse has counted more than we sent in its window: charge the difference so we slow down with it.
            var usedByServer = Limit - remaining;
            var ours = CountBetween(observation.At - _options.Window, observation.At);
            for (var i = ours; i < usedByServer; i++)
                Insert(observation.At, null);
        }
    }

    /// <summary>What a successor must respect if this ledger's activation dies: the slots of the last window + guard (future ones included) and the pause.</summary>
    public (IReadOnlyList<DateTimeOffset> Slots, DateTimeOffset? PausedUntil) Watermark(DateTimeOffset now)
    {
        Prune(now);
        return (_slots.Select(s => s.At).ToList(), _pausedUntil > now ? _pausedUntil : null);
    }

    /// <summary>
    /// Takes over from an activation that may have died: its recorded slots count as used, and so do
    /// <paramref name="unrecorded"/> more at <paramref name="lastPossible"/>, the grants it may have made after recording
    /// them; the limit Greenhouse announced to it holds until Greenhouse says otherwise. Times come from another silo's
    /// clock, so none is taken further ahead of <paramref name="now"/> than that activation could have reserved.
    /// </summary>
    public void Resume(IEnumerable<DateTimeOffset> slots, int unrecorded, DateTimeOffset lastPossible, DateTimeOffset? pausedUntil, int? limit, DateTimeOffset now,
        TimeSpan promise)
    {
        var latest = now + _options.MaxReservationAhead + promise;
        DateTimeOffset Clamp(DateTimeOffset at) => at > latest ? latest : at;
        if (limit is > 0 and var learned)
            Limit = learned;
        foreach (var at in slots)
            Insert(Clamp(at), null);
        for (var i = 0; i < unrecorded; i++)
            Insert(Clamp(lastPossible), null);
        if (pausedUntil is { } until && until > _pausedUntil)
            _pausedUntil = until > now + MaxPause ? now + MaxPause : until;
    }

    /// <summary>The longest pause a successor honours from a recorded 429 (Greenhouse's Retry-After is seconds).</summary>
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    public RateBudgetSnapshot Snapshot(DateTimeOffset now)
    {
        Prune(now);
        return new RateBudgetSnapshot(
            Limit, _options.Window, CountBetween(now - _options.Window, now),
            ReservedAhead(now, HarvestLane.Write), ReservedAhead(now, HarvestLane.Interactive), ReservedAhead(now, HarvestLane.Background),
            _granted[0], _granted[1], _granted[2], _deferred[0], _deferred[1], _deferred[2],
            _throttled, _lastRemaining, _pausedUntil > now ? _pausedUntil : null);
    }

    private ReservationDecision Grant(HarvestLane lane, DateTimeOffset at, DateTimeOffset now)
    {
        Insert(at, lane);
        _granted[(int)lane]++;
        return ReservationDecision.GoAfter(at - now);
    }

    private ReservationDecision Defer(HarvestLane lane, TimeSpan delay)
    {
        _deferred[(int)lane]++;
        return ReservationDecision.AskAgainAfter(delay < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : delay);
    }

    /// <summary>The earliest time at which fewer than <paramref name="capacity"/> slots lie within the span before it.</summary>
    private DateTimeOffset FreeAt(int capacity) =>
        _slots.Count < capacity ? DateTimeOffset.MinValue : _slots[_slots.Count - capacity].At + Span;

    private void Insert(DateTimeOffset at, HarvestLane? lane)
    {
        var index = _slots.Count;
        while (index > 0 && _slots[index - 1].At > at)
            index--;
        _slots.Insert(index, (at, lane));
    }

    private void Prune(DateTimeOffset now)
    {
        var cutoff = now - Span;
        var expired = 0;
        while (expired < _slots.Count && _slots[expired].At <= cutoff)
            expired++;
        _slots.RemoveRange(0, expired);
    }

    private int CountSince(DateTimeOffset after) => _slots.Count(s => s.At > after);

    private int CountBetween(DateTimeOffset after, DateTimeOffset until) => _slots.Count(s => s.At > after && s.At <= until);

    private int ReservedAhead(DateTimeOffset now, HarvestLane lane) => _slots.Count(s => s.At > now && s.Lane == lane);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) => Max(Max(a, b), c);
}
