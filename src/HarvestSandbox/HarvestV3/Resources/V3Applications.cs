using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// GET /v3/applications item (docs/HARVEST-CONTRACT.md §11): flat; <c>applied_at</c>→<c>created_at</c>, <c>jobs[]</c>→<c>job_id</c>,
/// <c>current_stage</c>→<c>stage_id</c> + <c>stage_name</c>. <b>Trap:</b> <c>stage_id</c> is an application-stage
/// instance id (a <c>/v3/application_stages</c> row), not a job interview stage id. <c>status</c> reads
/// <c>in_process</c> for what the filter calls <c>active</c>. <c>job_interview_stage_id</c> (the current job interview
/// stage, null for prospects and terminal applications) is only sent with <see cref="HarvestV3Options.ApplicationsCarryJobInterviewStageId"/>.
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
    long? JobInterviewStageId,
    long? SourceId,
    long? CreditedToId,
    long? RecruiterId,
    long? CoordinatorId,
    long? RejectionReasonId,
    string? Location);

/// <summary>
/// GET /v3/application_stages item: one stay of an application in a job interview stage. The current one has
/// <c>exited_at: null</c> and <c>current: true</c>; <c>days_in_stage</c> counts whole calendar days (UTC) up to the exit or now.
/// </summary>
public sealed record V3ApplicationStageDto(
    long Id, long ApplicationId, long JobInterviewStageId, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt, int DaysInStage, bool Current,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal static class V3Applications
{
    private static readonly string[] StatusFilterValues = ["active", "rejected", "hired", "converted"];

    public static void MapV3Applications(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.ApplicationsList, List,
            "candidate_ids", "job_ids", "prospective_job_ids", "job_post_ids", "source_ids", "referrer_ids", "stage_ids", "status", "stage_name",
            "custom_field_option_id", "last_activity_at", "prospect");
        routes.MapV3List(HarvestV3Scopes.ApplicationStagesList, ListStages, "application_ids", "job_interview_stage_ids", "current");
    }

    /// <summary>v3 status words: the filter says <c>active</c>, the rows say <c>in_process</c> (docs/HARVEST-CONTRACT.md §11, S7, S9).</summary>
    public static string Status(ApplicationStatus status) => status == ApplicationStatus.Active ? "in_process" : status.Wire();

    public static V3ApplicationDto ToDto(OrgData data, Application a)
    {
        var stage = a.CurrentStageId is { } stageId ? data.JobStages.Find(stageId) : null;
        var current = a is { Status: ApplicationStatus.Active, Prospect: false } && a.CurrentStageInstance is { ExitedAt: null } stay ? stay.JobStageId : (long?)null;
        return new V3ApplicationDto(
            a.Id, a.CandidateId, a.Prospect, a.AppliedAt, a.LastActivityAt, a.LastActivityAt, a.RejectedAt, Status(a.Status),
            a.JobId, a.JobPostId, a.CurrentStageInstance?.Id, stage?.Name, current, a.SourceId, a.CreditedToUserId, a.RecruiterId,
            a.CoordinatorId, a.RejectionReasonId, a.LocationAddress);
    }

    /// <summary>
    /// GET /v3/applications: <c>ids</c>, <c>candidate_ids</c>, <c>job_ids</c>, <c>status</c> (active|rejected|hired|converted),
    /// <c>prospect</c>, <c>prospective_job_ids</c> (prospects on those jobs), <c>job_post_ids</c>, <c>source_ids</c>,
    /// <c>stage_ids</c> (application-stage ids, as <c>stage_id</c>), <c>stage_name</c>, <c>created_at</c>, <c>updated_at</c>
    /// (not both), <c>last_activity_at</c>. <c>referrer_ids</c> and <c>custom_field_option_id</c> match nothing (the store has
    /// neither). The sandbox's <c>updated_at</c> is the application's last activity (every change to an application moves it).
    /// </summary>
    private static IResult List(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var candidateIds = q.Ids("candidate_ids");
        var jobIds = q.Ids("job_ids");
        var prospectiveJobIds = q.Ids("prospective_job_ids");
        var postIds = q.Ids("job_post_ids");
        var sourceIds = q.Ids("source_ids");
        var referrerIds = q.Ids("referrer_ids");
        var stageIds = q.Ids("stage_ids");
        var stageName = q.Get("stage_name");
        var customFieldOption = q.Id("custom_field_option_id");
        var prospect = q.Bool("prospect");
        var statusText = q.OneOf("status", StatusFilterValues);
        ApplicationStatus? status = HarvestEnums.TryParseApplicationStatus(statusText, out var parsed) ? parsed : null;
        var (created, updated) = q.Timestamps();
        var lastActivity = q.Date("last_activity_at");
        var visible = call.VisibleJobs();
        var data = call.Data;

        return call.Page(
            (d, before) =>
                ids is not null ? Descending.Sorted(ids.Select(d.Applications.Find).OfType<Application>(), before)
                : candidateIds is not null ? Descending.Sorted(candidateIds.Select(d.Candidates.Find).OfType<Candidate>().SelectMany(c => c.Applications), before)
                : jobIds is not null ? Descending.Sorted(jobIds.Select(d.Jobs.Find).OfType<Job>().SelectMany(j => j.Applications), before)
                : Descending.From(d.Applications.Items, before),
            a => visible(a.JobId) && referrerIds is null && customFieldOption is null &&
                 (candidateIds is null || candidateIds.Contains(a.CandidateId)) &&
                 (jobIds is null || (a.JobId is { } j && jobIds.Contains(j))) &&
                 (prospectiveJobIds is null || (a.Prospect && a.JobId is { } p && prospectiveJobIds.Contains(p))) &&
                 (postIds is null || (a.JobPostId is { } post && postIds.Contains(post))) &&
                 (sourceIds is null || (a.SourceId is { } source && sourceIds.Contains(source))) &&
                 (stageIds is null || (a.CurrentStageInstance is { } stay && stageIds.Contains(stay.Id))) &&
                 (stageName is null || (a.CurrentStageId is { } s && string.Equals(data.JobStages.Find(s)?.Name, stageName, StringComparison.OrdinalIgnoreCase))) &&
                 (prospect is null || a.Prospect == prospect) && (status is null || a.Status == status) &&
                 created.Contains(a.AppliedAt) && updated.Contains(a.LastActivityAt) && lastActivity.Contains(a.LastActivityAt),
            ToDto,
            call.Organization.V3Options.ApplicationsCarryJobInterviewStageId ? HarvestV3Json.ListV3ApplicationDto : HarvestV3Json.ListV3ApplicationDtoWithoutStage);
    }

    /// <summary>
    /// GET /v3/application_stages: <c>ids</c>, <c>application_ids</c>, <c>job_interview_stage_ids</c>, <c>current</c> (true: only
    /// the current rows; false: only past ones), <c>created_at</c> (the entry) / <c>updated_at</c> (the exit, else the entry).
    /// Rejected, hired and converted applications have no current row.
    /// </summary>
    private static IResult ListStages(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var applicationIds = q.Ids("application_ids");
        var stageIds = q.Ids("job_interview_stage_ids");
        var current = q.Bool("current");
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        var data = call.Data;
        var today = DateOnly.FromDateTime(call.Now.UtcDateTime);
        return call.Page(
            (d, before) =>
                applicationIds is not null ? Descending.Sorted(applicationIds.Select(d.Applications.Find).OfType<Application>().SelectMany(a => a.StageHistory), before)
                : ids is not null ? Descending.Sorted(ids.Select(d.ApplicationStages.Find).OfType<ApplicationStage>(), before)
                : Descending.From(d.ApplicationStages.Items, before),
            s => visible(data.Applications.Find(s.ApplicationId)?.JobId) && (ids is null || ids.Contains(s.Id)) &&
                 (stageIds is null || stageIds.Contains(s.JobStageId)) && (current is null || (s.ExitedAt is null) == current) &&
                 created.Contains(s.EnteredAt) && updated.Contains(s.ExitedAt ?? s.EnteredAt),
            (_, s) => new V3ApplicationStageDto(s.Id, s.ApplicationId, s.JobStageId, s.EnteredAt, s.ExitedAt,
                (s.ExitedAt is { } exit ? DateOnly.FromDateTime(exit.UtcDateTime) : today).DayNumber - DateOnly.FromDateTime(s.EnteredAt.UtcDateTime).DayNumber,
                s.ExitedAt is null, s.EnteredAt, s.ExitedAt ?? s.EnteredAt),
            HarvestV3Json.ListV3ApplicationStageDto);
    }
}
