using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// GET /v3/applications item (docs/HARVEST-CONTRACT.md §11): flat; <c>applied_at</c>→<c>created_at</c>, <c>jobs[]</c>→<c>job_id</c>,
/// <c>current_stage</c>→<c>stage_id</c> + <c>stage_name</c>. <b>Trap:</b> <c>stage_id</c> is an application-stage
/// instance id (a <c>/v3/application_stages</c> row), not a job interview stage id. <c>status</c> reads
/// <c>in_process</c> for what the filter calls <c>active</c>.
/// </summary>
public sealed record V3ApplicationDto(
    long Id,
    long CandidateId,
    bool Prospect,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? RejectedAt,
    string Status,
    long? JobId,
    long? JobPostId,
    long? StageId,
    string? StageName,
    long? SourceId,
    long? CreditedToId,
    long? RecruiterId,
    long? CoordinatorId,
    long? RejectionReasonId,
    string? Location);

/// <summary>GET /v3/application_stages item: one stay of an application in a job interview stage.</summary>
public sealed record V3ApplicationStageDto(long Id, long ApplicationId, long JobInterviewStageId, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt);

internal static class V3Applications
{
    private static readonly string[] StatusFilterValues = ["active", "rejected", "hired", "converted"];

    public static void MapV3Applications(this V3Routes routes)
    {
        routes.MapV3(HarvestV3Scopes.ApplicationsList, "/applications", List);
        routes.MapV3(HarvestV3Scopes.ApplicationStagesList, "/application_stages", ListStages);
    }

    /// <summary>v3 status words: the filter says <c>active</c>, the rows say <c>in_process</c> (docs/HARVEST-CONTRACT.md §11, S7, S9).</summary>
    public static string Status(ApplicationStatus status) => status == ApplicationStatus.Active ? "in_process" : status.Wire();

    public static V3ApplicationDto ToDto(OrgData data, Application a)
    {
        var stage = a.CurrentStageId is { } stageId ? data.JobStages.Find(stageId) : null;
        return new V3ApplicationDto(
            a.Id, a.CandidateId, a.Prospect, a.AppliedAt, a.LastActivityAt, a.LastActivityAt, a.RejectedAt, Status(a.Status),
            a.JobId, a.JobPostId, a.CurrentStageInstance?.Id, stage?.Name, a.SourceId, a.CreditedToUserId, a.RecruiterId,
            a.CoordinatorId, a.RejectionReasonId, a.LocationAddress);
    }

    /// <summary>
    /// GET /v3/applications: <c>ids</c>, <c>candidate_ids</c>, <c>job_ids</c>, <c>status</c> (active|rejected|hired|converted),
    /// <c>created_at</c>, <c>updated_at</c> (not both), <c>last_activity_at</c>. The sandbox's <c>updated_at</c> is the
    /// application's last activity (every change to an application moves it).
    /// </summary>
    private static IResult List(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var candidateIds = q.Ids("candidate_ids");
        var jobIds = q.Ids("job_ids");
        var statusText = q.OneOf("status", StatusFilterValues);
        ApplicationStatus? status = HarvestEnums.TryParseApplicationStatus(statusText, out var parsed) ? parsed : null;
        q.NotTogether("created_at", "updated_at");
        var created = q.Date("created_at");
        var updated = q.Date("updated_at");
        var lastActivity = q.Date("last_activity_at");

        return call.Page(
            (data, before) =>
                ids is not null ? Descending.Sorted(ids.Select(data.Applications.Find).OfType<Application>(), before)
                : candidateIds is not null ? Descending.Sorted(candidateIds.Select(data.Candidates.Find).OfType<Candidate>().SelectMany(c => c.Applications), before)
                : jobIds is not null ? Descending.Sorted(jobIds.Select(data.Jobs.Find).OfType<Job>().SelectMany(j => j.Applications), before)
                : Descending.From(data.Applications.Items, before),
            a => (candidateIds is null || candidateIds.Contains(a.CandidateId)) &&
                 (jobIds is null || (a.JobId is { } j && jobIds.Contains(j))) &&
                 (status is null || a.Status == status) &&
                 created.Contains(a.AppliedAt) && updated.Contains(a.LastActivityAt) && lastActivity.Contains(a.LastActivityAt),
            ToDto,
            HarvestV3Json.ListV3ApplicationDto);
    }

    /// <summary>GET /v3/application_stages: <c>ids</c>, <c>application_ids</c>. The row with <c>exited_at: null</c> is the current stage.</summary>
    private static IResult ListStages(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var applicationIds = q.Ids("application_ids");
        return call.Page(
            (data, before) =>
                applicationIds is not null ? Descending.Sorted(applicationIds.Select(data.Applications.Find).OfType<Application>().SelectMany(a => a.StageHistory), before)
                : ids is not null ? Descending.Sorted(ids.Select(data.ApplicationStages.Find).OfType<ApplicationStage>(), before)
                : Descending.From(data.ApplicationStages.Items, before),
            s => ids is null || ids.Contains(s.Id),
            (_, s) => new V3ApplicationStageDto(s.Id, s.ApplicationId, s.JobStageId, s.EnteredAt, s.ExitedAt),
            HarvestV3Json.ListV3ApplicationStageDto);
    }
}
