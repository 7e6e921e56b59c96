namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestJobStage
{
    public long? Id { get; init; }
    public string? Name { get; init; }
    public long? JobId { get; init; }
    public bool? Active { get; init; }
    public int? Priority { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public IReadOnlyList<HarvestInterviewStep>? Interviews { get; init; }
}

/// <summary>A stage's <c>interviews[]</c> entry: the interview step we schedule against (its id is POST's interview_id).</summary>
public sealed record HarvestInterviewStep
{
    public long? Id { get; init; }
    public string? Name { get; init; }
    public bool? Schedulable { get; init; }
    public int? EstimatedMinutes { get; init; }
    public IReadOnlyList<HarvestUserRef>? DefaultInterviewerUsers { get; init; }
}
