namespace GemScheduling.Suggestions.Interviewers;

/// <summary>
/// What the engine knows about an interviewer. Empty <see cref="Hours"/> and null limits mean "use the org defaults"
/// (<see cref="OrgSchedulingDefaults"/>). The weekly limit counts per ISO week in the interviewer's own zone.
/// <see cref="Name"/> is only used to make reasons and blockers readable.
/// </summary>
public sealed record InterviewerProfile(
    long UserId,
    string TimeZone,
    IReadOnlyList<WorkingHours> Hours,
    int? MaxInterviewsPerDay,
    int? MaxInterviewsPerWeek,
    IReadOnlyList<BusyInterval> Busy,
    string? Name = null)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? $"user {UserId}" : $"{Name} (user {UserId})";
}
