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
    /// Holds the slots for one schedule (replacing its earlier ones) or reports the clash. A hold that is not confirmed
    /// within its lease lapses, so a crash between holding and creating never blocks the time for good.
    /// </summary>
    [Alias("hold")]
    Task<HoldResult> Hold(string scheduleId, IReadOnlyList<BookedSlot> slots, TimeSpan lease);

    [Alias("confirm")]
    Task Confirm(string scheduleId);

    [Alias("release")]
    Task Release(string scheduleId);

    /// <summary>Confirmed bookings (and live holds) overlapping [from, to).</summary>
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
