namespace GemScheduling.HarvestSandbox.Store;

internal sealed class Job : IEntity
{
    public required long Id { get; init; }
    public required string Name { get; set; }
    public string? RequisitionId { get; set; }
    public string? Notes { get; set; }
    public bool Confidential { get; set; }
    public JobStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public bool IsTemplate { get; set; }
    public long? CopiedFromId { get; set; }
    public List<long> DepartmentIds { get; } = [];
    public List<long> OfficeIds { get; } = [];
    public List<TeamMember> HiringManagers { get; } = [];
    public List<TeamMember> Recruiters { get; } = [];
    public List<TeamMember> Coordinators { get; } = [];
    public List<TeamMember> Sourcers { get; } = [];
    public List<Opening> Openings { get; } = [];

    // Navigation lists, all in id order.
    public List<JobStage> Stages { get; } = [];
    public List<JobPost> Posts { get; } = [];
    public List<Application> Applications { get; } = [];

    /// <summary>A hiring manager, recruiter, coordinator or sourcer: who may see the job when it is confidential.</summary>
    public bool OnHiringTeam(long userId) =>
        HiringManagers.Exists(m => m.UserId == userId) || Recruiters.Exists(m => m.UserId == userId) ||
        Coordinators.Exists(m => m.UserId == userId) || Sourcers.Exists(m => m.UserId == userId);

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(Name); w.Write(RequisitionId); w.Write(Notes); w.Write(Confidential);
        w.Write((long)Status); w.Write(CreatedAt); w.Write(OpenedAt); w.Write(ClosedAt); w.Write(UpdatedAt);
        w.Write(IsTemplate); w.Write(CopiedFromId); w.Write(DepartmentIds); w.Write(OfficeIds);
        foreach (var team in (List<TeamMember>[])[HiringManagers, Recruiters, Coordinators, Sourcers])
        {
            w.Write((long)team.Count);
            foreach (var m in team)
            {
                w.Write(m.Id); w.Write(m.UserId); w.Write(m.Responsible); w.Write(m.CreatedAt);
            }
        }

        w.Write((long)Openings.Count);
        foreach (var o in Openings)
        {
            w.Write(o.Id); w.Write(o.OpeningId); w.Write(o.Open); w.Write(o.OpenedAt); w.Write(o.ClosedAt);
            w.Write(o.ApplicationId); w.Write(o.CloseReason);
        }
    }
}

/// <summary>
/// One role a user holds on a job's hiring team: a v3 <c>/v3/job_owners</c> row (recruiter, coordinator, sourcer) or a
/// <c>/v3/job_hiring_managers</c> row, hence its own id. Only a recruiter or coordinator can be responsible.
/// </summary>
internal sealed record TeamMember(long Id, long UserId, bool Responsible, DateTimeOffset CreatedAt);

internal sealed class Opening
{
    public required long Id { get; init; }
    public required string OpeningId { get; init; }
    public bool Open { get; set; } = true;
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long? ApplicationId { get; set; }
    public string? CloseReason { get; set; }
}

internal sealed class JobPost : IEntity
{
    public required long Id { get; init; }
    public required string Title { get; set; }
    public long? JobId { get; init; }
    public required string LocationName { get; set; }
    public long LocationId { get; init; }
    public long? OfficeId { get; set; }
    public bool Internal { get; set; }
    public bool Active { get; set; } = true;
    public bool Live { get; set; }
    public DateTimeOffset? FirstPublishedAt { get; set; }
    public string? Content { get; set; }
    public string? InternalContent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool External => !Internal;

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(Title); w.Write(JobId); w.Write(LocationName); w.Write(LocationId); w.Write(OfficeId);
        w.Write(Internal); w.Write(Active); w.Write(Live); w.Write(FirstPublishedAt); w.Write(Content);
        w.Write(InternalContent); w.Write(CreatedAt); w.Write(UpdatedAt);
    }
}
