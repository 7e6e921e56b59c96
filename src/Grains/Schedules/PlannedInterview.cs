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

/// <summary>A rendered email: what is sent to the candidate and, word for word, what is logged to Greenhouse.</summary>
[GenerateSerializer, Immutable, Alias("gs.email-message")]
public sealed record EmailMessage(
    [property: Id(0)] string EmailId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string To,
    [property: Id(3)] string From,
    [property: Id(4)] IReadOnlyList<string> Cc,
    [property: Id(5)] string Subject,
    [property: Id(6)] string Body,
    [property: Id(7)] string? Ics);

public static class MutationKinds
{
    public const string CreateInterview = "create_interview";
    public const string UpdateInterview = "update_interview";
    public const string DeleteInterview = "delete_interview";
    public const string AddNote = "add_note";
    public const string SendEmail = "send_email";
    public const string LogEmail = "log_email";
}

public static class MutationStatus
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
