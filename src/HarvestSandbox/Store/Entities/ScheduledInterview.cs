namespace GemScheduling.HarvestSandbox.Store;

internal sealed class ScheduledInterview : IEntity
{
    public required long Id { get; init; }
    public required long ApplicationId { get; init; }
    public required long InterviewStepId { get; init; }
    public string? ExternalEventId { get; set; }
    public InterviewTime Start { get; set; }
    public InterviewTime End { get; set; }
    public string? Location { get; set; }
    public string? VideoConferencingUrl { get; set; }
    public InterviewStatus Status { get; set; }
    public long? OrganizerId { get; set; }

    /// <summary>Only Harvest-created interviews are "actionable" (PATCH/DELETE-able) (docs/HARVEST-CONTRACT.md §7.6).</summary>
    public bool CreatedViaHarvest { get; init; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<Interviewer> Interviewers { get; set; } = [];

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(ApplicationId); w.Write(InterviewStepId); w.Write(ExternalEventId);
        w.Write(Start.DateTime); w.Write(Start.Date); w.Write(End.DateTime); w.Write(End.Date);
        w.Write(Location); w.Write(VideoConferencingUrl); w.Write((long)Status); w.Write(OrganizerId);
        w.Write(CreatedViaHarvest); w.Write(CreatedAt); w.Write(UpdatedAt);
        w.Write((long)Interviewers.Count);
        foreach (var i in Interviewers)
        {
            w.Write(i.Id); w.Write(i.UserId); w.Write(i.Email); w.Write((long)i.ResponseStatus); w.Write(i.ScorecardId);
        }
    }
}

/// <summary>
/// A panel member: a Greenhouse user, or (v2) just an email address that matches no user. <see cref="Id"/> is the
/// v3 <c>/v3/interviewers</c> row id, assigned by <see cref="OrgData"/> when the member joins a panel (a replaced
/// panel gets new ids; <c>with</c> copies keep them).
/// </summary>
internal sealed record Interviewer(long? UserId, string? Email, ResponseStatus ResponseStatus, long? ScorecardId) : IEntity
{
    public long Id { get; init; }
}
