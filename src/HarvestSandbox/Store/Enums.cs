using System.Text.Json.Serialization;

namespace GemScheduling.HarvestSandbox;

public enum JobStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("draft")] Draft,
}

public enum ApplicationStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("hired")] Hired,
    [JsonStringEnumMemberName("converted")] Converted,
}

public enum InterviewStatus
{
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("awaiting_feedback")] AwaitingFeedback,
    [JsonStringEnumMemberName("complete")] Complete,
}

public enum ResponseStatus
{
    [JsonStringEnumMemberName("needs_action")] NeedsAction,
    [JsonStringEnumMemberName("declined")] Declined,
    [JsonStringEnumMemberName("tentative")] Tentative,
    [JsonStringEnumMemberName("accepted")] Accepted,
}

public enum NoteVisibility
{
    [JsonStringEnumMemberName("admin_only")] AdminOnly,
    [JsonStringEnumMemberName("private")] Private,
    [JsonStringEnumMemberName("public")] Public,
}

/// <summary>Wire spellings of the enums (Harvest v1 uses snake_case strings).</summary>
public static class HarvestEnums
{
    public static string Wire(this JobStatus s) => s switch
    {
        JobStatus.Open => "open",
        JobStatus.Closed => "closed",
        _ => "draft",
    };

    public static string Wire(this ApplicationStatus s) => s switch
    {
        ApplicationStatus.Active => "active",
        ApplicationStatus.Rejected => "rejected",
        ApplicationStatus.Hired => "hired",
        _ => "converted",
    };

    public static string Wire(this InterviewStatus s) => s switch
    {
        InterviewStatus.Scheduled => "scheduled",
        InterviewStatus.AwaitingFeedback => "awaiting_feedback",
        _ => "complete",
    };

    public static string Wire(this ResponseStatus s) => s switch
    {
        ResponseStatus.NeedsAction => "needs_action",
        ResponseStatus.Declined => "declined",
        ResponseStatus.Tentative => "tentative",
        _ => "accepted",
    };

    public static string Wire(this NoteVisibility v) => v switch
    {
        NoteVisibility.AdminOnly => "admin_only",
        NoteVisibility.Private => "private",
        _ => "public",
    };

    public static bool TryParseJobStatus(string? s, out JobStatus status)
    {
        (var ok, status) = s switch
        {
            "open" => (true, JobStatus.Open),
            "closed" => (true, JobStatus.Closed),
            "draft" => (true, JobStatus.Draft),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseApplicationStatus(string? s, out ApplicationStatus status)
    {
        (var ok, status) = s switch
        {
            "active" => (true, ApplicationStatus.Active),
            "rejected" => (true, ApplicationStatus.Rejected),
            "hired" => (true, ApplicationStatus.Hired),
            "converted" => (true, ApplicationStatus.Converted),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseInterviewStatus(string? s, out InterviewStatus status)
    {
        (var ok, status) = s switch
        {
            "scheduled" => (true, InterviewStatus.Scheduled),
            "awaiting_feedback" => (true, InterviewStatus.AwaitingFeedback),
            "complete" => (true, InterviewStatus.Complete),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseResponseStatus(string? s, out ResponseStatus status)
    {
        (var ok, status) = s switch
        {
            "needs_action" => (true, ResponseStatus.NeedsAction),
            "declined" => (true, ResponseStatus.Declined),
            "tentative" => (true, ResponseStatus.Tentative),
            "accepted" => (true, ResponseStatus.Accepted),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseVisibility(string? s, out NoteVisibility visibility)
    {
        (var ok, visibility) = s switch
        {
            "admin_only" => (true, NoteVisibility.AdminOnly),
            "private" => (true, NoteVisibility.Private),
            "public" => (true, NoteVisibility.Public),
            _ => (false, default),
        };
        return ok;
    }
}
