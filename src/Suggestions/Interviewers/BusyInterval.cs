namespace GemScheduling.Suggestions.Interviewers;

/// <summary>
/// Time an interviewer is not free. <see cref="Source"/> is <c>gemscheduling:{scheduleId}</c> for interviews we booked
/// or <c>ical</c> for imported calendar events. Intervals that count toward limits add one interview to the
/// interviewer's local day and ISO week in which they start.
/// </summary>
public sealed record BusyInterval(DateTimeOffset Start, DateTimeOffset End, string Source, bool CountsTowardLimits)
{
    public const string IcalSource = "ical";

    public static string GemSchedulingSource(string scheduleId) => $"gemscheduling:{scheduleId}";
}
