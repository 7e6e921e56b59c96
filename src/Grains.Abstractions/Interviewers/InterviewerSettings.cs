namespace GemScheduling.Interviewers;

/// <summary>
/// How an interviewer can be scheduled: their zone and working hours, interview limits (null: the org default), and
/// where their other busy time comes from (an iCalendar feed URL, or a pasted .ics file).
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.interviewer-settings")]
public sealed record InterviewerSettings(
    [property: Id(0)] string? TimeZone,
    [property: Id(1)] IReadOnlyList<WorkingHoursRange> WorkingHours,
    [property: Id(2)] int? MaxInterviewsPerDay,
    [property: Id(3)] int? MaxInterviewsPerWeek,
    [property: Id(4)] string? IcsUrl,
    [property: Id(5)] string? Ics,
    [property: Id(6)] DateTimeOffset? UpdatedAt);

[GenerateSerializer, Immutable, Alias("gs.working-hours-range")]
public sealed record WorkingHoursRange([property: Id(0)] DayOfWeek Day, [property: Id(1)] TimeOnly Start, [property: Id(2)] TimeOnly End);

/// <summary>The org's defaults for interviewers who have not set their own.</summary>
[GenerateSerializer, Immutable, Alias("gs.scheduling-defaults")]
public sealed record SchedulingDefaults(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] IReadOnlyList<WorkingHoursRange> WorkingHours,
    [property: Id(2)] int MaxInterviewsPerDay,
    [property: Id(3)] int MaxInterviewsPerWeek)
{
    public static readonly SchedulingDefaults Standard = new("UTC",
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WorkingHoursRange(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))], 4, 15);
}
