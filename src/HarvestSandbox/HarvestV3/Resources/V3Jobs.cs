using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// GET /v3/jobs item (docs/HARVEST-CONTRACT.md §11): <c>departments[]</c>→<c>department_id</c>, <c>offices[]</c>→<c>office_ids</c>;
/// hiring team and openings are other v3 resources (not emulated).
/// </summary>
public sealed record V3JobDto(
    long Id,
    string Name,
    string? RequisitionId,
    string Status,
    bool Confidential,
    DateTimeOffset CreatedAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset UpdatedAt,
    bool IsTemplate,
    long? CopiedFromId,
    long? DepartmentId,
    IReadOnlyList<long> OfficeIds,
    string? Notes);

/// <summary>GET /v3/job_posts item: no <c>location</c> (moved to /v3/job_post_locations) and no <c>external</c>.</summary>
public sealed record V3JobPostDto(
    long Id,
    string Title,
    long? JobId,
    bool Internal,
    bool Active,
    bool Live,
    DateTimeOffset? FirstPublishedAt,
    string? Content,
    string? InternalContent,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>GET /v3/job_interview_stages item (v1 job stage): <c>priority</c>→<c>sort_order</c>; <c>active: false</c> = deleted.</summary>
public sealed record V3JobInterviewStageDto(long Id, long JobId, string Name, int SortOrder, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// GET /v3/job_interviews item (v1 stage <c>interviews[]</c>): its id is the <c>job_interview_id</c> to schedule against.
/// <c>scheduling_type</c> is <c>none|needs_scheduling|take_home_test|offer</c>; <c>duration</c> in minutes.
/// </summary>
public sealed record V3JobInterviewDto(long Id, long JobId, long JobInterviewStageId, string Name, string SchedulingType, int? Duration, bool RequireScorecard);

/// <summary>GET /v3/default_interviewers item: one user of a job interview's default panel (individual users only).</summary>
public sealed record V3DefaultInterviewerDto(long Id, long JobInterviewId, long UserId);

/// <summary>GET /v3/offices item: <c>location</c> is a string; <c>primary_contact_user_id</c>→<c>primary_in_house_contact_user_id</c>; no child ids.</summary>
public sealed record V3OfficeDto(
    long Id, string Name, string? Location, long? ParentId, long? PrimaryInHouseContactUserId, string? ExternalId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A default interviewer; its id is derived (job interview id × 1000 + position + 1), stable as panels never change.</summary>
internal sealed record DefaultInterviewerRow(long Id, long JobInterviewId, long UserId) : IEntity;

internal static class V3Jobs
{
    private static readonly string[] JobStatuses = ["open", "closed", "draft"];

    public static void MapV3Jobs(this V3Routes routes)
    {
        routes.MapV3(HarvestV3Scopes.JobsList, "/jobs", ListJobs);
        routes.MapV3(HarvestV3Scopes.JobPostsList, "/job_posts", ListJobPosts);
        routes.MapV3(HarvestV3Scopes.JobInterviewStagesList, "/job_interview_stages", ListStages);
        routes.MapV3(HarvestV3Scopes.JobInterviewsList, "/job_interviews", ListJobInterviews);
        routes.MapV3(HarvestV3Scopes.DefaultInterviewersList, "/default_interviewers", ListDefaultInterviewers);
        routes.MapV3(HarvestV3Scopes.OfficesList, "/offices", ListOffices);
    }

    /// <summary>
    /// Derived from the step (the store keeps no type): schedulable → needs_scheduling; otherwise offer for the
    /// Offer stage or an offer step, take_home_test for take-home steps, else none.
    /// </summary>
    public static string SchedulingType(InterviewStep step, JobStage? stage)
    {
        if (step.Schedulable)
        {
            return "needs_scheduling";
        }

        if (stage?.Name == "Offer" || step.Name.Contains("Offer", StringComparison.OrdinalIgnoreCase))
        {
            return "offer";
        }

        return step.Name.Contains("Take Home", StringComparison.OrdinalIgnoreCase) ? "take_home_test" : "none";
    }

    /// <summary>GET /v3/jobs: <c>ids</c> (v3 has no single-record GET), <c>status</c>, <c>created_at</c>/<c>updated_at</c> (not both).</summary>
    private static IResult ListJobs(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var statusText = q.OneOf("status", JobStatuses);
        JobStatus? status = HarvestEnums.TryParseJobStatus(statusText, out var parsed) ? parsed : null;
        q.NotTogether("created_at", "updated_at");
        var created = q.Date("created_at");
        var updated = q.Date("updated_at");
        var hideConfidential = call.Organization.V3Options.HideConfidentialJobs;
        var sub = call.Sub;
        return call.Page(
            (data, before) => ids is not null
                ? Descending.Sorted(ids.Select(data.Jobs.Find).OfType<Job>(), before)
                : Descending.From(data.Jobs.Items, before),
            j => (status is null || j.Status == status) && created.Contains(j.CreatedAt) && updated.Contains(j.UpdatedAt) &&
                 (!hideConfidential || !j.Confidential || j.OnHiringTeam(sub)),
            (_, j) => new V3JobDto(j.Id, j.Name, j.RequisitionId, j.Status.Wire(), j.Confidential, j.CreatedAt, j.OpenedAt, j.ClosedAt,
                j.UpdatedAt, j.IsTemplate, j.CopiedFromId, j.DepartmentIds.Count > 0 ? j.DepartmentIds[0] : null, j.OfficeIds.ToArray(), j.Notes),
            HarvestV3Json.ListV3JobDto);
    }

    /// <summary>GET /v3/job_posts: <c>ids</c>, <c>job_ids</c>, <c>live</c>, <c>active</c>, <c>internal</c>, <c>created_at</c>/<c>updated_at</c> (not both).</summary>
    private static IResult ListJobPosts(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var jobIds = q.Ids("job_ids");
        var live = q.Bool("live");
        var active = q.Bool("active");
        var isInternal = q.Bool("internal");
        q.NotTogether("created_at", "updated_at");
        var created = q.Date("created_at");
        var updated = q.Date("updated_at");
        return call.Page(
            (data, before) =>
                ids is not null ? Descending.Sorted(ids.Select(data.JobPosts.Find).OfType<JobPost>(), before)
                : jobIds is not null ? Descending.Sorted(jobIds.Select(data.Jobs.Find).OfType<Job>().SelectMany(j => j.Posts), before)
                : Descending.From(data.JobPosts.Items, before),
            p => (jobIds is null || (p.JobId is { } j && jobIds.Contains(j))) &&
                 (live is null || p.Live == live) && (active is null || p.Active == active) && (isInternal is null || p.Internal == isInternal) &&
                 created.Contains(p.CreatedAt) && updated.Contains(p.UpdatedAt),
            (_, p) => new V3JobPostDto(p.Id, p.Title, p.JobId, p.Internal, p.Active, p.Live, p.FirstPublishedAt, p.Content, p.InternalContent,
                p.CreatedAt, p.UpdatedAt),
            HarvestV3Json.ListV3JobPostDto);
    }

    /// <summary>GET /v3/job_interview_stages: <c>ids</c>, <c>job_ids</c>, <c>created_at</c>/<c>updated_at</c> (not both).</summary>
    private static IResult ListStages(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var jobIds = q.Ids("job_ids");
        q.NotTogether("created_at", "updated_at");
        var created = q.Date("created_at");
        var updated = q.Date("updated_at");
        return call.Page(
            (data, before) =>
                ids is not null ? Descending.Sorted(ids.Select(data.JobStages.Find).OfType<JobStage>(), before)
                : jobIds is not null ? Descending.Sorted(jobIds.Select(data.Jobs.Find).OfType<Job>().SelectMany(j => j.Stages), before)
                : Descending.From(data.JobStages.Items, before),
            s => (jobIds is null || jobIds.Contains(s.JobId)) && created.Contains(s.CreatedAt) && updated.Contains(s.UpdatedAt),
            (_, s) => new V3JobInterviewStageDto(s.Id, s.JobId, s.Name, s.Priority, s.Active, s.CreatedAt, s.UpdatedAt),
            HarvestV3Json.ListV3JobInterviewStageDto);
    }

    /// <summary>GET /v3/job_interviews: <c>ids</c>, <c>job_ids</c>, <c>job_interview_stage_ids</c>, <c>scheduling_type</c>.</summary>
    private static IResult ListJobInterviews(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var jobIds = q.Ids("job_ids");
        var stageIds = q.Ids("job_interview_stage_ids");
        var schedulingType = q.OneOf("scheduling_type", ["none", "needs_scheduling", "take_home_test", "offer"]);
        var data = call.Data;
        return call.Page(
            (d, before) =>
                ids is not null ? Descending.Sorted(ids.Select(d.InterviewSteps.Find).OfType<InterviewStep>(), before)
                : jobIds is not null ? Descending.Sorted(jobIds.Select(d.Jobs.Find).OfType<Job>().SelectMany(j => j.Stages).SelectMany(s => s.Interviews), before)
                : Descending.From(d.InterviewSteps.Items, before),
            step =>
            {
                var stage = data.StageOf(step);
                return (jobIds is null || (stage is not null && jobIds.Contains(stage.JobId))) &&
                       (stageIds is null || stageIds.Contains(step.StageId)) &&
                       (schedulingType is null || SchedulingType(step, stage) == schedulingType);
            },
            (d, step) =>
            {
                var stage = d.StageOf(step);
                return new V3JobInterviewDto(step.Id, stage?.JobId ?? 0, step.StageId, step.Name, SchedulingType(step, stage),
                    step.EstimatedMinutes, step.Schedulable);
            },
            HarvestV3Json.ListV3JobInterviewDto);
    }

    /// <summary>GET /v3/default_interviewers: <c>job_interview_ids</c>, <c>user_ids</c>.</summary>
    private static IResult ListDefaultInterviewers(V3Call call)
    {
        var q = call.Query;
        var stepIds = q.Ids("job_interview_ids");
        var userIds = q.Ids("user_ids");
        return call.Page(
            (data, before) => Descending.Sorted(
                (stepIds is null ? data.InterviewSteps.Items : stepIds.Select(data.InterviewSteps.Find).OfType<InterviewStep>())
                .SelectMany(step => step.DefaultInterviewerUserIds.Select((userId, i) => new DefaultInterviewerRow(step.Id * 1000 + i + 1, step.Id, userId))),
                before),
            row => userIds is null || userIds.Contains(row.UserId),
            (_, row) => new V3DefaultInterviewerDto(row.Id, row.JobInterviewId, row.UserId),
            HarvestV3Json.ListV3DefaultInterviewerDto);
    }

    /// <summary>GET /v3/offices: <c>ids</c>, <c>parent_id</c>, <c>external_id</c>.</summary>
    private static IResult ListOffices(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var parentId = q.Id("parent_id");
        var externalId = q.Get("external_id");
        return call.Page(
            (data, before) => ids is not null
                ? Descending.Sorted(ids.Select(data.Offices.Find).OfType<Office>(), before)
                : Descending.From(data.Offices.Items, before),
            o => (parentId is null || o.ParentId == parentId) && (externalId is null || o.ExternalId == externalId),
            (_, o) => new V3OfficeDto(o.Id, o.Name, o.LocationName, o.ParentId, o.PrimaryContactUserId, o.ExternalId, o.CreatedAt, o.UpdatedAt),
            HarvestV3Json.ListV3OfficeDto);
    }
}
