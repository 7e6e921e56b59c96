using Refit;

namespace GemScheduling.Harvest.V1;

/// <summary>Query parameters shared by every paginated list. Null members are not sent.</summary>
public record PageFilter
{
    [AliasAs("per_page")] public int? PerPage { get; init; }
    [AliasAs("page")] public int? Page { get; init; }
    [AliasAs("skip_count")] public bool? SkipCount { get; init; }
    [AliasAs("created_after")] public string? CreatedAfter { get; init; }
    [AliasAs("created_before")] public string? CreatedBefore { get; init; }
    [AliasAs("updated_after")] public string? UpdatedAfter { get; init; }
    [AliasAs("updated_before")] public string? UpdatedBefore { get; init; }

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}

public sealed record ApplicationFilter : PageFilter
{
    [AliasAs("last_activity_after")] public string? LastActivityAfter { get; init; }
    [AliasAs("job_id")] public long? JobId { get; init; }
    [AliasAs("status")] public string? Status { get; init; }
}

public sealed record CandidateFilter : PageFilter
{
    [AliasAs("job_id")] public long? JobId { get; init; }
    [AliasAs("email")] public string? Email { get; init; }
    [AliasAs("candidate_ids")] public string? CandidateIds { get; init; }
}

public sealed record UserFilter : PageFilter
{
    [AliasAs("email")] public string? Email { get; init; }
    [AliasAs("employee_id")] public string? EmployeeId { get; init; }
}

public sealed record JobFilter : PageFilter
{
    [AliasAs("status")] public string? Status { get; init; }
    [AliasAs("department_id")] public long? DepartmentId { get; init; }
    [AliasAs("office_id")] public long? OfficeId { get; init; }
}

public sealed record JobPostFilter : PageFilter
{
    [AliasAs("live")] public bool? Live { get; init; }
    [AliasAs("active")] public bool? Active { get; init; }
    [AliasAs("internal")] public bool? Internal { get; init; }
}

public sealed record ScheduledInterviewFilter : PageFilter
{
    [AliasAs("external_event_id")] public string? ExternalEventId { get; init; }
    [AliasAs("actionable")] public bool? Actionable { get; init; }
    [AliasAs("starts_after")] public string? StartsAfter { get; init; }
    [AliasAs("starts_before")] public string? StartsBefore { get; init; }
}
