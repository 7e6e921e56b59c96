using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class ApplicationsEndpoints
{
    public static void MapApplications(this HarvestRoutes routes)
    {
        var applications = routes.V1.MapGroup("/applications");
        applications.MapHarvest(routes, HarvestPermissions.ApplicationsList, "", List);
    }

    /// <summary>GET /v1/applications (docs/HARVEST-CONTRACT.md §7.1). No updated_* filter exists; last_activity_after is the incremental one.</summary>
    private static IResult List(HarvestCall call)
    {
        var q = call.NewQuery();
        var created = q.Range("created");
        var lastActivityAfter = q.Date("last_activity_after");
        var jobId = q.Id("job_id");
        var statusText = q.Get("status");
        ApplicationStatus? status = null;
        if (statusText is not null)
        {
            if (HarvestEnums.TryParseApplicationStatus(statusText, out var parsed))
            {
                status = parsed;
            }
            else
            {
                // Documented: any other status value returns an empty list, not an error.
                q.MatchesNothing = true;
            }
        }

        Func<Application, bool>? filter = created.IsEmpty && lastActivityAfter is null && status is null
            ? null
            : a => (status is null || a.Status == status) && created.Contains(a.AppliedAt) &&
                   (lastActivityAfter is null || a.LastActivityAt >= lastActivityAfter);

        return call.Page(q,
            data => jobId is { } id ? data.Jobs.Find(id)?.Applications ?? (IReadOnlyList<Application>)[] : data.Applications.Items,
            filter, ApplicationProjection.ToDto, HarvestJson.ListApplicationDto);
    }
}
