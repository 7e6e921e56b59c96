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
                var confirmed = Bookings.TryGetValue(held.ScheduleId, out var existing) && existing.Confirmed && existing.Slots.SequenceEqual(held.Slots);
                Bookings[held.ScheduleId] = new Booking { Slots = held.Slots.ToList(), Confirmed = confirmed, HeldUntil = held.Until };
                break;
            case BookingConfirmed confirmedEvent when Bookings.TryGetValue(confirmedEvent.ScheduleId, out var booking):
                booking.Confirmed = true;
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

    public bool IsLive(DateTimeOffset now) => Confirmed || HeldUntil > now;
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

    public async Task<HoldResult> Hold(string scheduleId, IReadOnlyList<BookedSlot> slots, TimeSpan lease)
    {
        var now = time.GetUtcNow();
        var clash = State.Bookings
            .Where(b => b.Key != scheduleId && b.Value.IsLive(now))
            .SelectMany(b => b.Value.Slots)
            .Where(taken => taken.End > now)
            .FirstOrDefault(taken => slots.Any(slot => slot.Start < taken.End && taken.Start < slot.End));
        if (clash is not null)
            return new HoldResult(false, clash);

        if (!State.Bookings.TryGetValue(scheduleId, out var current) || !current.Slots.SequenceEqual(slots) || !current.IsLive(now))
            await ExecuteAsync(_ => [new SlotsHeld(scheduleId, slots, now + lease)]);
        return new HoldResult(true, null);
    }

    public async Task Confirm(string scheduleId)
    {
        if (State.Bookings.TryGetValue(scheduleId, out var booking) && !booking.Confirmed)
            await ExecuteAsync(s => s.Bookings.TryGetValue(scheduleId, out var b) && !b.Confirmed ? [new BookingConfirmed(scheduleId)] : []);
    }

    public async Task Release(string scheduleId)
    {
        if (State.Bookings.ContainsKey(scheduleId))
            await ExecuteAsync(s => s.Bookings.ContainsKey(scheduleId) ? [new BookingReleased(scheduleId)] : []);
    }

    public Task<IReadOnlyList<BookedSlot>> Busy(DateTimeOffset from, DateTimeOffset to)
    {
        var now = time.GetUtcNow();
        return Task.FromResult<IReadOnlyList<BookedSlot>>(State.Bookings.Values
            .Where(b => b.IsLive(now))
            .SelectMany(b => b.Slots)
            .Where(s => s.Start < to && from < s.End)
            .OrderBy(s => s.Start)
            .ToList());
    }

    public async Task<InterviewerSettings> SetSettings(InterviewerSettings settings, string actor)
    {
        // Where a feed may point is the operator's choice (Calendars:AllowPrivateFeeds), never a tenant's.
        if (settings.IcsUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var feed) && !feeds.AllowPrivateNetworks
            && Boundaries.PublicAddresses.RefusedHost(feed) is { } refused)
            throw new ValidationFailedException("icsUrl",
                $"{refused} is a loopback or private address; calendar feeds must be reachable on the public internet (an operator can allow private networks with Calendars__AllowPrivateFeeds=true).");
        var stamped = settings with { UpdatedAt = time.GetUtcNow() };
        await ExecuteAsync(_ => [new InterviewerSettingsSet(stamped, actor)], actor);
        return State.Settings!;
    }

    public Task<InterviewerSettings?> GetSettings() => Task.FromResult(State.Settings);

    public async Task<IReadOnlyList<string>> CalendarProblems(DateTimeOffset from, DateTimeOffset to) =>
        State.Settings?.Ics is { } ics ? (await calendars.ParseAsync(ics, from, to, State.Settings.TimeZone)).Problems : [];

    protected override void TransitionState(CalendarState state, CalendarEvent @event) => state.Apply(@event);
}
