using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class JobPostsEndpoints
{
    public static void MapJobPosts(this HarvestRoutes routes)
    {
        routes.V1.MapGroup("/job_posts").MapHarvest(routes, HarvestPermissions.JobPostsList, "", List);
        routes.V1.MapGroup("/jobs").MapHarvest(routes, HarvestPermissions.JobPostsRetrieveForJob, "/{id:long}/job_post", RetrieveForJob);
    }

    /// <summary>GET /v1/job_posts (docs/HARVEST-CONTRACT.md §7.9). active=false lists deleted posts; internal=false lists external ones.</summary>
    private static IResult List(HarvestCall call)
    {
        var q = call.NewQuery();
        var created = q.Range("created");
        var updated = q.Range("updated");
        var live = q.Bool("live");
        var active = q.Bool("active");
        var isInternal = q.Bool("internal");

        Func<JobPost, bool>? filter = created.IsEmpty && updated.IsEmpty && live is null && active is null && isInternal is null
            ? null
            : p => created.Contains(p.CreatedAt) && updated.Contains(p.UpdatedAt) &&
                   (live is null || p.Live == live) && (active is null || p.Active == active) &&
                   (isInternal is null || p.Internal == isInternal);

        return call.Page(q, data => data.JobPosts.Items, filter, (_, p) => JobPostProjection.ToDto(p),
            HarvestJson.ListJobPostDto);
    }

    /// <summary>
    /// GET /v1/jobs/{id}/job_post (singular). Which post it returns is undocumented; the sandbox returns the
    /// first external live post, else the first post, else 404.
    /// </summary>
    private static IResult RetrieveForJob(HarvestCall call)
    {
        var id = call.RouteId();
        JobPostDto? dto = null;
        lock (call.Data.Gate)
        {
            if (call.Data.Jobs.Find(id) is { } job)
            {
                var post = job.Posts.Find(p => p is { External: true, Live: true }) ?? job.Posts.FirstOrDefault();
                dto = post is null ? null : JobPostProjection.ToDto(post);
            }
        }

        return dto is null ? HarvestResults.NotFound() : TypedResults.Json(dto, HarvestJson.JobPostDto);
    }
}
