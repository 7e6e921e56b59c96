namespace GemScheduling.HarvestSandbox.Store;

internal sealed class Application : IEntity
{
    public required long Id { get; init; }
    public required long CandidateId { get; init; }
    public bool Prospect { get; set; }

    /// <summary>A candidate application has exactly one job; a prospect application here has zero or one.</summary>
    public long? JobId { get; init; }
    public long? JobPostId { get; set; }
    public ApplicationStatus Status { get; set; }
    public long? CurrentStageId { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
    public DateTimeOffset? RejectedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public long? SourceId { get; set; }
    public long? CreditedToUserId { get; set; }
    public long? RecruiterId { get; set; }
    public long? CoordinatorId { get; set; }
    public long? RejectionReasonId { get; set; }
    public string? LocationAddress { get; set; }
    private List<(string Question, string Answer)>? _answers;
    private List<ScheduledInterview>? _interviews;
    private List<ApplicationStage>? _stageHistory;

    public IReadOnlyList<(string Question, string Answer)> Answers =>
        _answers ?? (IReadOnlyList<(string, string)>)Array.Empty<(string, string)>();

    // Navigation, in id order; created on first use (most applications have no interviews).
    public List<ScheduledInterview> Interviews => _interviews ??= [];

    /// <summary>Stays in job stages, oldest first; the last one is the current stage (v3 <c>stage_id</c>).</summary>
    public List<ApplicationStage> StageHistory => _stageHistory ??= [];

    public ApplicationStage? CurrentStageInstance => _stageHistory is { Count: > 0 } h ? h[^1] : null;

    public void AddAnswer(string question, string answer) => (_answers ??= []).Add((question, answer));

    public void WriteCanonical(CanonicalWriter w)
    {
        w.Write(Id); w.Write(CandidateId); w.Write(Prospect); w.Write(JobId); w.Write(JobPostId); w.Write((long)Status);
        w.Write(CurrentStageId); w.Write(AppliedAt); w.Write(RejectedAt); w.Write(LastActivityAt); w.Write(SourceId);
        w.Write(CreditedToUserId); w.Write(RecruiterId); w.Write(CoordinatorId); w.Write(RejectionReasonId);
        w.Write(LocationAddress);
        w.Write((long)Answers.Count);
        foreach (var (q, a) in Answers)
        {
            w.Write(q); w.Write(a);
        }
    }
}
