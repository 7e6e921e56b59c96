namespace GemScheduling.Suggestions.Interviewers;

/// <summary>What applies to an interviewer whose profile leaves hours or limits out.</summary>
public sealed record OrgSchedulingDefaults(IReadOnlyList<WorkingHours> Hours, int MaxInterviewsPerDay, int MaxInterviewsPerWeek)
{
    /// <summary>Mon–Fri 09:00–17:00 in the interviewer's zone, 4 interviews a day, 15 a week.</summary>
    public static OrgSchedulingDefaults Standard { get; } =
        new(WorkingHours.Weekdays(new TimeOnly(9, 0), new TimeOnly(17, 0)), 4, 15);

    public IReadOnlyList<WorkingHours> HoursFor(InterviewerProfile profile) => profile.Hours.Count > 0 ? profile.Hours : Hours;

    public int DailyLimitFor(InterviewerProfile profile) => profile.MaxInterviewsPerDay ?? MaxInterviewsPerDay;

    public int WeeklyLimitFor(InterviewerProfile profile) => profile.MaxInterviewsPerWeek ?? MaxInterviewsPerWeek;
}
