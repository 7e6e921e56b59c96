namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestApplication
{
    public long? Id { get; init; }
    public long? CandidateId { get; init; }
    public bool? Prospect { get; init; }
    public DateTimeOffset? AppliedAt { get; init; }
    public DateTimeOffset? RejectedAt { get; init; }
    public DateTimeOffset? LastActivityAt { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<HarvestNamedRef>? Jobs { get; init; }
    public long? JobPostId { get; init; }
    public HarvestNamedRef? CurrentStage { get; init; }
    public HarvestUserRef? Recruiter { get; init; }
    public HarvestUserRef? Coordinator { get; init; }
}
