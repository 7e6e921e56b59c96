namespace GemScheduling.Greenhouse;

/// <summary>A stage of a job's hiring plan, with the interview steps scheduled in it.</summary>
[GenerateSerializer, Immutable, Alias("gs.job-stage")]
public sealed record JobStage(
    [property: Id(0)] long Id,
    [property: Id(1)] long JobId,
    [property: Id(2)] string Name,
    [property: Id(3)] int Priority,
    [property: Id(4)] bool Active,
    [property: Id(5)] IReadOnlyList<InterviewStep> InterviewSteps,
    [property: Id(6)] DateTimeOffset? UpdatedAt);

/// <summary>
/// A kind of interview in the plan ("Technical Interview"): what a scheduled interview is an instance of
/// (v1 <c>interview_id</c>, v3 <c>job_interview_id</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.interview-step")]
public sealed record InterviewStep(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Schedulable,
    [property: Id(3)] int? EstimatedMinutes,
    [property: Id(4)] IReadOnlyList<long> DefaultInterviewerIds);
