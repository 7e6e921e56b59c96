using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// GET /v3/jobs item (docs/HARVEST-CONTRACT.md §11): <c>departments[]</c>→<c>department_id</c>, <c>offices[]</c>→<c>office_ids</c>;
/// the hiring team is <c>/v3/job_owners</c> and <c>/v3/job_hiring_managers</c>; openings are not emulated.
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

internal static class V3Jobs
{
    private static readonly string[] JobStatuses = ["open", "closed", "draft"];

    public static void MapV3Jobs(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.JobsList, ListJobs,
            "opened_at", "closed_at", "requisition_id", "department_id", "office_id", "custom_field_option_id", "confidential", "status");
        routes.MapV3List(HarvestV3Scopes.JobPostsList, ListJobPosts, "job_ids", "job_board_ids", "active", "featured", "live", "internal");
        routes.MapV3InterviewPlan();
        routes.MapV3HiringTeam();
        routes.MapV3Organization();
    }

    /// <summary>
    /// GET /v3/jobs: <c>ids</c> (v3 has no single-record GET), <c>status</c>, <c>confidential</c>, <c>requisition_id</c>,
    /// <c>department_id</c> and <c>office_id</c> (single ids; a job of several offices matches each), the dates
    /// <c>opened_at</c>, <c>closed_at</c>, <c>created_at</c>/<c>updated_at</c> (not both). <c>custom_field_option_id</c>
    /// matches nothing (no custom fields). Confidential jobs only for their hiring team.
    /// </summary>
    private static IResult ListJobs(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var statusText = q.OneOf("status", JobStatuses);
        JobStatus? status = HarvestEnums.TryParseJobStatus(statusText, out var parsed) ? parsed : null;
        var (created, updated) = q.Timestamps();
        var opened = q.Date("opened_at");
        var closed = q.Date("closed_at");
        var requisitionId = q.Get("requisition_id");
        var departmentId = q.Id("department_id");
        var officeId = q.Id("office_id");
        var customFieldOption = q.Id("custom_field_option_id");
        var confidential = q.Bool("confidential");
        var visible = call.VisibleJobs();
        return call.Page(
            (data, before) => ids is not null
                ? Descending.Sorted(ids.Select(data.Jobs.Find).OfType<Job>(), before)
                : Descending.From(data.Jobs.Items, before),
            j => visible(j.Id) && customFieldOption is null &&
                 (status is null || j.Status == status) && (confidential is null || j.Confidential == confidential) &&
                 (requisitionId is null || j.RequisitionId == requisitionId) &&
                 (departmentId is null || j.DepartmentIds.Contains(departmentId.Value)) &&
                 (officeId is null || j.OfficeIds.Contains(officeId.Value)) &&
                 created.Contains(j.CreatedAt) && updated.Contains(j.UpdatedAt) && opened.Contains(j.OpenedAt) && closed.Contains(j.ClosedAt),
            (_, j) => new V3JobDto(j.Id, j.Name, j.RequisitionId, j.Status.Wire(), j.Confidential, j.CreatedAt, j.OpenedAt, j.ClosedAt,
                j.UpdatedAt, j.IsTemplate, j.CopiedFromId, j.DepartmentIds.Count > 0 ? j.DepartmentIds[0] : null, j.OfficeIds.ToArray(), j.Notes),
            HarvestV3Json.ListV3JobDto);
    }

    /// <summary>
    /// GET /v3/job_posts: <c>ids</c>, <c>job_ids</c>, <c>live</c>, <c>active</c>, <c>internal</c>, <c>featured</c> (no post is
    /// featured), <c>job_board_ids</c> (matches nothing: the store has no job boards), <c>created_at</c>/<c>updated_at</c>.
    /// </summary>
    private static IResult ListJobPosts(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var jobIds = q.Ids("job_ids");
        var boardIds = q.Ids("job_board_ids");
        var live = q.Bool("live");
        var active = q.Bool("active");
        var isInternal = q.Bool("internal");
        var featured = q.Bool("featured");
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        return call.Page(
            (data, before) =>
                ids is not null ? Descending.Sorted(ids.Select(data.JobPosts.Find).OfType<JobPost>(), before)
                : jobIds is not null ? Descending.Sorted(jobIds.Select(data.Jobs.Find).OfType<Job>().SelectMany(j => j.Posts), before)
                : Descending.From(data.JobPosts.Items, before),
            p => visible(p.JobId) && boardIds is null && featured is not true &&
                 (jobIds is null || (p.JobId is { } j && jobIds.Contains(j))) &&
                 (live is null || p.Live == live) && (active is null || p.Active == active) && (isInternal is null || p.Internal == isInternal) &&
                 created.Contains(p.CreatedAt) && updated.Contains(p.UpdatedAt),
            (_, p) => new V3JobPostDto(p.Id, p.Title, p.JobId, p.Internal, p.Active, p.Live, p.FirstPublishedAt, p.Content, p.InternalContent,
                p.CreatedAt, p.UpdatedAt),
            HarvestV3Json.ListV3JobPostDto);
    }
}
