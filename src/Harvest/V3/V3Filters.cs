using Refit;

namespace GemScheduling.Harvest.V3;

/// <summary>
/// Query parameters of a v3 list, sent on the first request only: later pages follow the cursor Link exactly as given
/// (a cursor must be the only parameter). Null members are not sent.
/// </summary>
public record V3ListFilter
{
    /// <summary>1–500 (default 100).</summary>
    [AliasAs("per_page")] public int? PerPage { get; init; }

    /// <summary>At most 50 ids, comma-separated.</summary>
    [AliasAs("ids")] public string? Ids { get; init; }

    /// <summary>Pipe syntax, e.g. <c>gte|2026-01-01T00:00:00.000Z</c>; never together with <see cref="CreatedAt"/>.</summary>
    [AliasAs("updated_at")] public string? UpdatedAt { get; init; }

    [AliasAs("created_at")] public string? CreatedAt { get; init; }

    public const int MaxIdsPerFilter = 50;

    public static string Since(DateTimeOffset value) => "gte|" + Timestamp(value);

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    public static string IdList(IEnumerable<long> ids)
    {
        var list = ids.ToList();
        if (list.Count > MaxIdsPerFilter)
            throw new ArgumentException($"Harvest v3 takes at most {MaxIdsPerFilter} ids per filter.", nameof(ids));
        return string.Join(',', list);
    }
}

public sealed record V3ApplicationFilter : V3ListFilter
{
    [AliasAs("candidate_ids")] public string? CandidateIds { get; init; }
    [AliasAs("job_ids")] public string? JobIds { get; init; }

    /// <summary>Filter words: <c>active</c> (rows then read <c>in_process</c>), rejected, hired, converted.</summary>
    [AliasAs("status")] public string? Status { get; init; }

    [AliasAs("last_activity_at")] public string? LastActivityAt { get; init; }
}

public sealed record V3ApplicationStageFilter : V3ListFilter
{
    [AliasAs("application_ids")] public string? ApplicationIds { get; init; }

    /// <summary>true: only the stays not exited yet (one per application in process; none for closed ones).</summary>
    [AliasAs("current")] public bool? Current { get; init; }
}

public sealed record V3UserFilter : V3ListFilter
{
    /// <summary>Matches the primary address only.</summary>
    [AliasAs("primary_email")] public string? PrimaryEmail { get; init; }
    [AliasAs("deactivated")] public bool? Deactivated { get; init; }
}

public sealed record V3InterviewFilter : V3ListFilter
{
    [AliasAs("application_ids")] public string? ApplicationIds { get; init; }
    [AliasAs("external_event_id")] public string? ExternalEventId { get; init; }
}

public sealed record V3InterviewerFilter : V3ListFilter
{
    [AliasAs("interview_ids")] public string? InterviewIds { get; init; }
}

public sealed record V3NoteFilter : V3ListFilter
{
    [AliasAs("candidate_ids")] public string? CandidateIds { get; init; }
    [AliasAs("type")] public string? Type { get; init; }
}

public sealed record V3JobChildFilter : V3ListFilter
{
    [AliasAs("job_ids")] public string? JobIds { get; init; }
}

public sealed record V3JobInterviewFilter : V3ListFilter
{
    [AliasAs("job_ids")] public string? JobIds { get; init; }
    [AliasAs("job_interview_stage_ids")] public string? JobInterviewStageIds { get; init; }
}

public sealed record V3InterviewKitFilter : V3ListFilter
{
    [AliasAs("job_ids")] public string? JobIds { get; init; }
    [AliasAs("job_interview_ids")] public string? JobInterviewIds { get; init; }
}

/// <summary>Documented filters are <c>user_ids</c> and <c>interview_kit_ids</c>: there is no job interview filter.</summary>
public sealed record V3DefaultInterviewerFilter : V3ListFilter
{
    [AliasAs("interview_kit_ids")] public string? InterviewKitIds { get; init; }
    [AliasAs("user_ids")] public string? UserIds { get; init; }
}

public sealed record V3ConfidentialJobFilter : V3ListFilter
{
    [AliasAs("confidential")] public bool? Confidential { get; init; }
}

public sealed record V3JobOwnerFilter : V3ListFilter
{
    [AliasAs("job_ids")] public string? JobIds { get; init; }
    [AliasAs("user_ids")] public string? UserIds { get; init; }
}

public sealed record V3UserEmailFilter : V3ListFilter
{
    /// <summary>Up to 50 addresses, comma-separated; matched without regard to case.</summary>
    [AliasAs("email")] public string? Email { get; init; }
    [AliasAs("user_ids")] public string? UserIds { get; init; }
}
