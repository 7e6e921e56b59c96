using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>GET /v1/job_stages item and GET /v1/jobs/{id}/stages item (docs/HARVEST-CONTRACT.md §7.10).</summary>
public sealed record JobStageDto(
    long Id,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Active,
    long JobId,
    int Priority,
    IReadOnlyList<InterviewStepDto> Interviews);

/// <summary>An interview step of the hiring plan; its id is what POST /v2/scheduled_interviews takes as interview_id.</summary>
public sealed record InterviewStepDto(
    long Id,
    string Name,
    bool Schedulable,
    int? EstimatedMinutes,
    IReadOnlyList<UserRefDto> DefaultInterviewerUsers,
    InterviewKitDto? InterviewKit);

public sealed record InterviewKitDto(long Id, string Content, IReadOnlyList<InterviewKitQuestionDto> Questions);

public sealed record InterviewKitQuestionDto(long Id, string Question);

internal static class JobStageProjection
{
    public static JobStageDto ToDto(OrgData data, JobStage s) =>
        new(s.Id, s.Name, s.CreatedAt, s.UpdatedAt, s.Active, s.JobId, s.Priority,
            s.Interviews.Select(i => new InterviewStepDto(
                i.Id,
                i.Name,
                i.Schedulable,
                i.EstimatedMinutes,
                i.DefaultInterviewerUserIds.Select(id => Refs.User(data, id)).OfType<UserRefDto>().ToArray(),
                new InterviewKitDto(i.Kit.Id, i.Kit.Content, i.Kit.Questions.Select(q => new InterviewKitQuestionDto(q.Id, q.Question)).ToArray())))
            .ToArray());
}
