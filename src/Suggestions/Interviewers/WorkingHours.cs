namespace GemScheduling.Suggestions.Interviewers;

/// <summary>
/// One range of working time on a weekday, in the interviewer's local time. A day may have several ranges
/// (touching or overlapping ranges of a day are merged). <see cref="End"/> = 00:00 means "until midnight".
/// Ranges that cross midnight are not supported: split them into two days.
/// </summary>
public sealed record WorkingHours(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public TimeSpan StartOfDayOffset => Start.ToTimeSpan();

    public TimeSpan EndOfDayOffset => End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : End.ToTimeSpan();

    public bool IsValid => EndOfDayOffset > StartOfDayOffset;

    public static IReadOnlyList<WorkingHours> Weekdays(TimeOnly start, TimeOnly end) =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WorkingHours(d, start, end))];
}
