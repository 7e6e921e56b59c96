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
    public List<long> HiringManagerIds { get; } = [];
    public List<TeamMember> Recruiters { get; } = [];
    public List<TeamMember> Coordinators { get; } = [];
    public List<TeamMember> Sourcers { get; } = [];
    public List<Opening> Openings { get; } = [];

    // Navigation lists, all in id order.
    public List<JobStage> Stages { get; } = [];
    public List<JobPost> Posts { get; } = [];
    public List<Application> Applications { get; } = [];

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(Name); w.Write(RequisitionId); w.Write(Notes); w.Write(Confidential);
        w.Write((long)Status); w.Write(CreatedAt); w.Write(OpenedAt); w.Write(ClosedAt); w.Write(UpdatedAt);
        w.Write(IsTemplate); w.Write(CopiedFromId); w.Write(DepartmentIds); w.Write(OfficeIds); w.Write(HiringManagerIds);
        foreach (var team in (List<TeamMember>[])[Recruiters, Coordinators, Sourcers])
        {
            w.Write((long)team.Count);
            foreach (var m in team)
            {
                w.Write(m.UserId); w.Write(m.Responsible);
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

internal sealed record TeamMember(long UserId, bool Responsible);

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
