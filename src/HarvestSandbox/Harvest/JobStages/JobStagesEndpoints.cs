using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class JobStagesEndpoints
{
    public static void MapJobStages(this HarvestRoutes routes)
    {
        routes.V1.MapGroup("/job_stages").MapHarvest(routes, HarvestPermissions.JobStagesList, "", List);
        routes.V1.MapGroup("/jobs").MapHarvest(routes, HarvestPermissions.JobStagesListForJob, "/{id:long}/stages", ListForJob);
    }

    /// <summary>GET /v1/job_stages (docs/HARVEST-CONTRACT.md §7.10); inactive (deleted) stages included with active=false.</summary>
    private static IResult List(HarvestCall call)
    {
        var q = call.NewQuery();
        var created = q.Range("created");
        var updated = q.Range("updated");
        Func<JobStage, bool>? filter = created.IsEmpty && updated.IsEmpty
            ? null
            : s => created.Contains(s.CreatedAt) && updated.Contains(s.UpdatedAt);
        return call.Page(q, data => data.JobStages.Items, filter, JobStageProjection.ToDto, HarvestJson.ListJobStageDto);
    }

    /// <summary>GET /v1/jobs/{id}/stages: not paginated (no paging params documented), the whole plan at once.</summary>
    private static IResult ListForJob(HarvestCall call)
    {
        var id = call.RouteId();
        var q = call.NewQuery();
        var created = q.Range("created");
        var updated = q.Range("updated");
        List<JobStageDto>? stages = null;
        lock (call.Data.Gate)
        {
            if (call.Data.Jobs.Find(id) is { } job)
            {
                stages = job.Stages
                    .Where(s => created.Contains(s.CreatedAt) && updated.Contains(s.UpdatedAt))
                    .Select(s => JobStageProjection.ToDto(call.Data, s))
                    .ToList();
            }
        }

        if (stages is null)
        {
            return HarvestResults.NotFound();
        }

        return q.Errors.Count > 0
            ? HarvestResults.Validation(q.Errors)
            : TypedResults.Json(stages, HarvestJson.ListJobStageDto);
    }
}
