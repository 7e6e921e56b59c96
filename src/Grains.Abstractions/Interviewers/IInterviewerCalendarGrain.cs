namespace GemScheduling.Interviewers;

/// <summary>
/// One interviewer's booked time across all of an org's schedules; the single place that decides whether a slot is
/// free, so two schedules can never book the same interviewer at once. Keyed <c>{orgId}/iv-{userId}</c> or
/// <c>{orgId}/iv-{email}</c> for people outside Greenhouse.
/// </summary>
[Alias("gs.interviewer-calendar")]
public interface IInterviewerCalendarGrain : IGrainWithStringKey
{
    /// <summary>
    /// Holds the slots for one schedule (replacing its earlier ones) or reports the clash. A hold is the schedule's
    /// booking from then on, with no second call to confirm it: once its lease has passed, a hold that stands in the
    /// way of another is checked with its schedule, and it is kept only if the schedule stored those slots. So a crash
    /// between holding and storing never blocks the time for good, and a stored booking costs one append here.
    /// </summary>
    [Alias("hold")]
    Task<HoldResult> Hold(string scheduleId, IReadOnlyList<BookedSlot> slots, TimeSpan lease);

    /// <summary>
    /// Frees the schedule's time at once. A confirmed booking's release is written at once; an unconfirmed hold's goes
    /// with the calendar's next append (a hold that comes back after a crash lapses and is checked like any other).
    /// </summary>
    [Alias("release")]
    Task Release(string scheduleId);

    /// <summary>Bookings overlapping [from, to), holds included (an abandoned hold is not worth a check to offer its time).</summary>
    [Alias("busy")]
    Task<IReadOnlyList<BookedSlot>> Busy(DateTimeOffset from, DateTimeOffset to);

    [Alias("set-settings")]
    Task<InterviewerSettings> SetSettings(InterviewerSettings settings, string actor);

    /// <summary>Null until the interviewer's settings are set (the org defaults apply).</summary>
    [Alias("settings")]
    Task<InterviewerSettings?> GetSettings();

    /// <summary>What could not be read in the interviewer's uploaded calendar over [from, to) (none without one).</summary>
    [Alias("calendar-problems")]
    Task<IReadOnlyList<string>> CalendarProblems(DateTimeOffset from, DateTimeOffset to);

    public static string Key(string orgId, string calendarKey) => $"{orgId}/iv-{calendarKey}";
}

[GenerateSerializer, Immutable, Alias("gs.booked-slot")]
public sealed record BookedSlot(
    [property: Id(0)] string ScheduleId,
    [property: Id(1)] string InterviewId,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End);

[GenerateSerializer, Immutable, Alias("gs.hold-result")]
public sealed record HoldResult([property: Id(0)] bool Held, [property: Id(1)] BookedSlot? Clash);
