namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestScheduledInterview
{
    public long? Id { get; init; }
    public long? ApplicationId { get; init; }
    public string? ExternalEventId { get; init; }
    public HarvestMoment? Start { get; init; }
    public HarvestMoment? End { get; init; }
    public string? Location { get; init; }
    public string? VideoConferencingUrl { get; init; }
    public string? Status { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public HarvestNamedRef? Interview { get; init; }
    public HarvestUserRef? Organizer { get; init; }
    public IReadOnlyList<HarvestInterviewer>? Interviewers { get; init; }
}

/// <summary><c>{"date_time": ...}</c> for a timed interview, <c>{"date": "2017-08-22"}</c> for an all-day one.</summary>
public sealed record HarvestMoment(DateTimeOffset? DateTime, DateOnly? Date);

public sealed record HarvestInterviewer(long? Id, string? EmployeeId, string? Name, string? Email, string? ResponseStatus, long? ScorecardId);
