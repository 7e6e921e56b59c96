namespace GemScheduling.Schedules;

/// <summary>One interview as GemScheduling wants it to be (what Greenhouse should converge to).</summary>
[GenerateSerializer, Immutable, Alias("gs.planned-interview")]
public sealed record PlannedInterview(
    [property: Id(0)] string Id,
    [property: Id(1)] long InterviewStepId,
    [property: Id(2)] string InterviewStepName,
    [property: Id(3)] IReadOnlyList<PlannedInterviewer> Interviewers,
    [property: Id(4)] DateTimeOffset Start,
    [property: Id(5)] DateTimeOffset End,
    [property: Id(6)] string TimeZone,
    [property: Id(7)] string? Location,
    [property: Id(8)] string? VideoConferencingUrl)
{
    public bool Overlaps(PlannedInterview other) => Start < other.End && other.Start < End;
}

[GenerateSerializer, Immutable, Alias("gs.planned-interviewer")]
public sealed record PlannedInterviewer([property: Id(0)] long? UserId, [property: Id(1)] string? Email, [property: Id(2)] string? Name)
{
    public string CalendarKey => UserId is { } id ? $"u{id}" : $"e{Email!.Trim().ToLowerInvariant()}";

    public string Display => Name ?? Email ?? $"user {UserId}";
}
