using GemScheduling.Api.Auth;
using GemScheduling.Api.Hosting;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Sync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GemScheduling.Api.ReadModel;

/// <summary>A job with its hiring plan: the stages in order and each stage's interview steps.</summary>
public sealed record JobDetail(Job Job, IReadOnlyList<JobPost> JobPosts, IReadOnlyList<JobStage> Stages);

internal static class ReadModelApi
{
    private static readonly string[] JobStatuses = ["open", "closed", "draft"];
    private static readonly string[] ApplicationStatuses = ["active", "rejected", "hired", "converted"];

    public static IEndpointRouteBuilder MapGreenhouseData(this IEndpointRouteBuilder routes)
    {
        var data = routes.MapOrgGroup("", "Greenhouse data");
        data.MapGet("/jobs", ListJobs).WithSummary("Synced jobs; filter by status, officeId, departmentId.");
        data.MapGet("/jobs/{jobId:long}", GetJob).WithSummary("A job with its job posts and its stages' interview steps.");
        data.MapGet("/job-posts", ListJobPosts).WithSummary("Job posts (external names); filter by jobId, live.");
        data.MapGet("/offices", ListOffices).WithSummary("Offices.");
        data.MapGet("/users", ListUsers).WithSummary("Greenhouse users; filter by email or name.");
        data.MapGet("/candidates", ListCandidates).WithSummary("Candidates; filter by email or name.");
        data.MapGet("/applications", ListApplications).WithSummary("Applications; filter by jobId, stageId, status, candidateId.");
        return routes;
    }

    private static async Task<Ok<ListResponse<Job>>> ListJobs(string orgId, string? status, long? officeId, long? departmentId, int? limit, string? cursor,
        IGreenhouseReadModel readModel, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Paging.Query(limit, cursor, errors) with { Status = OneOf("status", status, JobStatuses, errors), OfficeId = officeId, DepartmentId = departmentId };
        Paging.ThrowIfAny(errors);
        return TypedResults.Ok(Paging.Respond(await readModel.ListAsync<Job>(orgId, query, ct), http));
    }

    private static async Task<Results<Ok<JobDetail>, ProblemHttpResult>> GetJob(string orgId, long jobId, IGreenhouseReadModel readModel, CancellationToken ct)
    {
        var job = await readModel.GetAsync<Job>(orgId, jobId, ct);
        if (job is null)
            return Problems.NotFound("job", jobId.ToString());
        var posts = await readModel.ListAsync<JobPost>(orgId, new ReadQuery { JobId = jobId, Limit = 500 }, ct);
        var stages = await readModel.ListAsync<JobStage>(orgId, new ReadQuery { JobId = jobId, Limit = 500 }, ct);
        return TypedResults.Ok(new JobDetail(job, posts.Items, stages.Items.OrderBy(s => s.Priority).ThenBy(s => s.Id).ToList()));
    }

    private static async Task<Ok<ListResponse<JobPost>>> ListJobPosts(string orgId, long? jobId, bool? live, int? limit, string? cursor,
        IGreenhouseReadModel readModel, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Paging.Query(limit, cursor, errors) with { JobId = jobId, Live = live };
        Paging.ThrowIfAny(errors);
        return TypedResults.Ok(Paging.Respond(await readModel.ListAsync<JobPost>(orgId, query, ct), http));
    }

    private static async Task<Ok<ListResponse<Office>>> ListOffices(string orgId, int? limit, string? cursor, IGreenhouseReadModel readModel, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Paging.Query(limit, cursor, errors);
        Paging.ThrowIfAny(errors);
        return TypedResults.Ok(Paging.Respond(await readModel.ListAsync<Office>(orgId, query, ct), http));
    }

    private static async Task<Ok<ListResponse<GreenhouseUser>>> ListUsers(string orgId, string? email, string? name, bool? includeDisabled, int? limit, string? cursor,
        IGreenhouseReadModel readModel, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Paging.Query(limit, cursor, errors) with { Email = Text("email", email, errors), Name = Text("name", name, errors), IncludeDisabled = includeDisabled ?? true };
        Paging.ThrowIfAny(errors);
        return TypedResults.Ok(Paging.Respond(await readModel.ListAsync<GreenhouseUser>(orgId, query, ct), http));
    }

    private static async Task<Ok<ListResponse<Candidate>>> ListCandidates(string orgId, string? email, string? name, int? limit, string? cursor,
        IGreenhouseReadModel readModel, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Paging.Query(limit, cursor, errors) with { Email = Text("email", email, errors), Name = Text("name", name, errors) };
        Paging.ThrowIfAny(errors);
        return TypedResults.Ok(Paging.Respond(await readModel.ListAsync<Candidate>(orgId, query, ct), http));
    }

    private static async Task<Ok<ListResponse<Application>>> ListApplications(string orgId, long? jobId, long? stageId, string? status, long? candidateId,
        int? limit, string? cursor, IGreenhouseReadModel readModel, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Paging.Query(limit, cursor, errors) with
        {
            JobId = jobId, StageId = stageId, CandidateId = candidateId, Status = OneOf("status", status, ApplicationStatuses, errors),
        };
        Paging.ThrowIfAny(errors);
        return TypedResults.Ok(Paging.Respond(await readModel.ListAsync<Application>(orgId, query, ct), http));
    }

    private static string? OneOf(string field, string? value, string[] allowed, Dictionary<string, string[]> errors)
    {
        if (value is null || allowed.Contains(value))
            return value;
        errors[field] = [$"Must be one of: {string.Join(", ", allowed)}."];
        return null;
    }

    private static string? Text(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
            return null;
        if (value.Length is 0 or > 320)
            errors[field] = ["Must be 1 to 320 characters."];
        return value.Trim();
    }
}
