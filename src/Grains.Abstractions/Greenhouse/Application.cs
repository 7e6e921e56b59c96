namespace GemScheduling.Greenhouse;

/// <summary>A candidate's application to a job: what schedules belong to.</summary>
[GenerateSerializer, Immutable, Alias("gs.application")]
public sealed record Application(
    [property: Id(0)] long Id,
    [property: Id(1)] long CandidateId,
    [property: Id(2)] long? JobId,
    [property: Id(3)] string Status,
    [property: Id(4)] long? CurrentStageId,
    [property: Id(5)] string? CurrentStageName,
    [property: Id(6)] bool Prospect,
    [property: Id(7)] DateTimeOffset? AppliedAt,
    [property: Id(8)] DateTimeOffset? RejectedAt,
    [property: Id(9)] DateTimeOffset? LastActivityAt)
{
    public const string Active = "active";

    public bool IsActive => Status == Active;
}
