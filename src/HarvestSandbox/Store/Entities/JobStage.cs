namespace GemScheduling.HarvestSandbox.Store;

internal sealed class JobStage : IEntity
{
    public required long Id { get; init; }
    public required long JobId { get; init; }
    public required string Name { get; set; }
    public int Priority { get; set; }

    /// <summary>false means the stage was deleted from the hiring plan (docs/HARVEST-CONTRACT.md §7.10).</summary>
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<InterviewStep> Interviews { get; } = [];

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(JobId); w.Write(Name); w.Write(Priority); w.Write(Active); w.Write(CreatedAt); w.Write(UpdatedAt);
        w.Write((long)Interviews.Count);
        foreach (var step in Interviews)
        {
            step.WriteCanonical(w);
        }
    }
}

/// <summary>An interview in a stage's plan ("Technical Interview"): what a scheduled interview is scheduled against (§8).</summary>
internal sealed class InterviewStep : IEntity
{
    public required long Id { get; init; }
    public required long StageId { get; init; }
    public required string Name { get; set; }
    public bool Schedulable { get; set; } = true;
    public int? EstimatedMinutes { get; set; }
    public List<long> DefaultInterviewerUserIds { get; } = [];

    /// <summary>Exactly one per step (v3 <c>/v3/interview_kits</c>), with its own id.</summary>
    public required InterviewKit Kit { get; init; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Moves when the step's stage is deactivated (v3 <c>job_interviews.active</c> follows the stage).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(StageId); w.Write(Name); w.Write(Schedulable); w.Write(EstimatedMinutes); w.Write(CreatedAt); w.Write(UpdatedAt);
        w.Write(DefaultInterviewerUserIds); w.Write(Kit.Id); w.Write(Kit.Content);
        w.Write((long)Kit.Questions.Count);
        foreach (var q in Kit.Questions)
        {
            w.Write(q.Id); w.Write(q.Question);
        }
    }
}

internal sealed record InterviewKit(long Id, string Content, IReadOnlyList<KitQuestion> Questions);

internal sealed record KitQuestion(long Id, string Question);
