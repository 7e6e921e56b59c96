using GemScheduling.EventSourcing;
using GemScheduling.Interviewers.Events;
using GemScheduling.Planning;
using Orleans.Providers;

namespace GemScheduling.Interviewers;

[GenerateSerializer]
public sealed class CalendarState
{
    [Id(0)] public Dictionary<string, Booking> Bookings { get; set; } = [];
    [Id(1)] public InterviewerSettings? Settings { get; set; }

    public void Apply(CalendarEvent e)
    {
        switch (e)
        {
            case SlotsHeld held:
            {
                Bookings.TryGetValue(held.ScheduleId, out var existing);
                var same = existing is not null && existing.Slots.SequenceEqual(held.Slots);
                Bookings[held.ScheduleId] = new Booking
                {
                    Slots = held.Slots.ToList(), HeldUntil = held.Until, Confirmed = same && existing!.Confirmed,
                    // Until the schedule is known to have stored the new slots, the ones it may have stored stay taken too.
                    Previous = existing is null || same ? existing?.Previous
                        : existing.Confirmed ? existing.Slots
                        : [.. existing.Previous ?? [], .. existing.Slots.Where(s => existing.Previous?.Contains(s) != true)],
                };
                break;
            }
            case BookingConfirmed confirmedEvent when Bookings.TryGetValue(confirmedEvent.ScheduleId, out var booking):
                (booking.Confirmed, booking.Previous) = (true, null);
                break;
            case BookingReleased released:
                Bookings.Remove(released.ScheduleId);
                break;
            case InterviewerSettingsSet set:
                Settings = set.Settings;
                break;
        }
    }
}

[GenerateSerializer]
public sealed class Booking
{
    [Id(0)] public List<BookedSlot> Slots { get; set; } = [];
    [Id(1)] public bool Confirmed { get; set; }
    [Id(2)] public DateTimeOffset HeldUntil { get; set; }

    /// <summary>Slots the schedule may have stored before this hold replaced them (a move not yet known to be stored).</summary>
    [Id(3)] public List<BookedSlot>? Previous { get; set; }

    public bool IsLive(DateTimeOffset now) => Confirmed || HeldUntil > now;

    /// <summary>Everything this booking keeps from others: its slots, and while unverified the ones it may replace.</summary>
    public IEnumerable<BookedSlot> Taken => Previous is null ? Slots : Slots.Concat(Previous);
}

/// <summary>
/// One interviewer's bookings. Being a single activation, it answers "is this slot free?" and takes the slot in one
/// step, so of two concurrent schedules for the same time exactly one wins.
/// </summary>
[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed class InterviewerCalendarGrain(TimeProvider time, ParsedCalendars calendars, CalendarFeedOptions feeds) : EventSourcedGrain<CalendarState, CalendarEvent>, IInterviewerCalendarGrain
{
    protected override string StreamCategory => "calendar";

    protected override int SnapshotEvery => 100;

    /// <summary>
    /// Bookings released by this activation and not written yet. Only unconfirmed holds are released this way: one that
    /// comes back after a crash has lapsed or soon will, and is then checked with its schedule like any other. So a
    /// cancel or move costs the calendar no append; the releases go with its next one, or when it deactivates.
    /// </summary>
    private readonly HashSet<string> _released = [];

    private IEnumerable<KeyValuePair<string, Booking>> Standing => State.Bookings.Where(b => !_released.Contains(b.Key));

    public async Task<HoldResult> Hold(string scheduleId, IReadOnlyList<BookedSlot> slots, TimeSpan lease)
    {
        var now = time.GetUtcNow();
        foreach (var owner in ClashingOwners(scheduleId, slots, now))
        {
            if (await StandsAsync(owner, now) && State.Bookings.TryGetValue(owner, out var booking) && FirstClash(booking.Taken, slots, now) is { } clash)
                return new HoldResult(false, clash);
        }

        if (_released.Contains(scheduleId) || !State.Bookings.TryGetValue(scheduleId, out var current) || !current.Slots.SequenceEqual(slots) || !current.IsLive(now))
            await WriteAsync(_ => [new SlotsHeld(scheduleId, slots, now + lease)]);
        return new HoldResult(true, null);
    }

    /// <summary>Appends what <paramref name="decide"/> says, after the releases not written yet.</summary>
    private async Task WriteAsync(Func<CalendarState, IEnumerable<CalendarEvent>> decide, string? actor = null)
    {
        var releasing = _released.ToList();
        await ExecuteAsync(s => [.. releasing.Where(s.Bookings.ContainsKey).Select(id => new BookingReleased(id)), .. decide(s)], actor);
        _released.ExceptWith(releasing);
    }

    private List<string> ClashingOwners(string scheduleId, IReadOnlyList<BookedSlot> slots, DateTimeOffset now) =>
        Standing.Where(b => b.Key != scheduleId && FirstClash(b.Value.Taken, slots, now) is not null).Select(b => b.Key).ToList();

    private static BookedSlot? FirstClash(IEnumerable<BookedSlot> taken, IReadOnlyList<BookedSlot> wanted, DateTimeOffset now) =>
        taken.Where(t => t.End > now).FirstOrDefault(t => wanted.Any(slot => slot.Start < t.End && t.Start < slot.End));

    /// <summary>
    /// Whether another schedule's booking still stands. Within its lease, or confirmed, it does. Past its lease, the
    /// schedule says what it stored: the same slots are confirmed, other slots replace them, none release them.
    /// </summary>
    private async Task<bool> StandsAsync(string owner, DateTimeOffset now)
    {
        var booking = State.Bookings[owner];
        if (booking.IsLive(now))
            return true;
        await VerifyAsync(owner, now);
        return State.Bookings.ContainsKey(owner);
    }

    private async Task VerifyAsync(string owner, DateTimeOffset now)
    {
        var stored = await GrainFactory.Grain<Schedules.IScheduleGrain>(Schedules.IScheduleGrain.Key(OrgId, owner)).SlotsOn(CalendarKey);
        await WriteAsync(s => !s.Bookings.TryGetValue(owner, out var b) || b.Confirmed ? []
            : stored.Count == 0 ? [new BookingReleased(owner)]
            : b.Slots.SequenceEqual(stored) ? [new BookingConfirmed(owner)]
            : [new SlotsHeld(owner, stored, now), new BookingConfirmed(owner)]);
    }

    private string OrgId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().IndexOf("/iv-", StringComparison.Ordinal)];

    private string CalendarKey => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().IndexOf("/iv-", StringComparison.Ordinal) + 4)..];

    /// <summary>A confirmed booking would stand for good if its release were lost, so that release is written at once.</summary>
    public async Task Release(string scheduleId)
    {
        if (!State.Bookings.TryGetValue(scheduleId, out var booking) || _released.Contains(scheduleId))
            return;
        if (booking.Confirmed)
            await WriteAsync(s => s.Bookings.ContainsKey(scheduleId) ? [new BookingReleased(scheduleId)] : []);
        else
            _released.Add(scheduleId);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_released.Count > 0)
        {
            try
            {
                await WriteAsync(_ => []).WaitAsync(cancellationToken);
            }
            catch (Exception)
            {
                // Not written: the holds lapse and their schedules are asked, as after a crash.
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<IReadOnlyList<BookedSlot>> Busy(DateTimeOffset from, DateTimeOffset to)
    {
        var now = time.GetUtcNow();
        // A move whose hold has lapsed unverified would keep its old time busy for good: settle those first.
        foreach (var owner in Standing.Where(b => b.Value.Previous is not null && !b.Value.IsLive(now)).Select(b => b.Key).ToList())
            await VerifyAsync(owner, now);
        return Standing
            .SelectMany(b => b.Value.Taken)
            .Where(s => s.Start < to && from < s.End)
            .Distinct()
            .OrderBy(s => s.Start)
            .ToList();
    }

    public async Task<InterviewerSettings> SetSettings(InterviewerSettings settings, string actor)
    {
        // Where a feed may point is the operator's choice (Calendars:AllowPrivateFeeds), never a tenant's.
        if (settings.IcsUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var feed) && !feeds.AllowPrivateNetworks
            && Boundaries.PublicAddresses.RefusedHost(feed) is { } refused)
            throw new ValidationFailedException("icsUrl",
                $"{refused} is a loopback or private address; calendar feeds must be reachable on the public internet (an operator can allow private networks with Calendars__AllowPrivateFeeds=true).");
        var stamped = settings with { UpdatedAt = time.GetUtcNow() };
        await WriteAsync(_ => [new InterviewerSettingsSet(stamped, actor)], actor);
        return State.Settings!;
    }

    public Task<InterviewerSettings?> GetSettings() => Task.FromResult(State.Settings);

    public async Task<IReadOnlyList<string>> CalendarProblems(DateTimeOffset from, DateTimeOffset to) =>
        State.Settings?.Ics is { } ics ? (await calendars.ParseAsync(ics, from, to, State.Settings.TimeZone)).Problems : [];

    protected override void TransitionState(CalendarState state, CalendarEvent @event) => state.Apply(@event);
}
