using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class JobsEndpoints
{
    public static void MapJobs(this HarvestRoutes routes)
    {
        var jobs = routes.V1.MapGroup("/jobs");
        jobs.MapHarvest(routes, HarvestPermissions.JobsList, "", List);
        jobs.MapHarvest(routes, HarvestPermissions.JobsRetrieve, "/{id:long}", Retrieve);
    }

    /// <summary>GET /v1/jobs (docs/HARVEST-CONTRACT.md §7.8).</summary>
    private static IResult List(HarvestCall call)
    {
        var q = call.NewQuery();
        var created = q.Range("created");
        var updated = q.Range("updated");
        var departmentId = q.Id("department_id");
        var officeId = q.Id("office_id");
        var requisitionId = q.Get("requisition_id");
        var openingId = q.Get("opening_id");
        var externalDepartmentId = q.Get("external_department_id");
        var externalOfficeId = q.Get("external_office_id");
        var statusText = q.Get("status");
        JobStatus? status = null;
        if (statusText is not null)
        {
            if (HarvestEnums.TryParseJobStatus(statusText, out var parsed))
            {
                status = parsed;
            }
            else
            {
                q.MatchesNothing = true;
            }
        }

        var anyFilter = !created.IsEmpty || !updated.IsEmpty || departmentId is not null || officeId is not null ||
                        requisitionId is not null || openingId is not null || externalDepartmentId is not null ||
                        externalOfficeId is not null || status is not null;

        return call.Page(q, data => data.Jobs.Items,
            anyFilter ? Filter(call.Data) : null,
            JobProjection.ToDto, HarvestJson.ListJobDto);

        // Runs under the org's lock (inside Page), so looking up departments and offices is safe.
        Func<Job, bool> Filter(OrgData data) => j =>
            created.Contains(j.CreatedAt) && updated.Contains(j.UpdatedAt) &&
            (status is null || j.Status == status) &&
            (departmentId is null || j.DepartmentIds.Contains(departmentId.Value)) &&
            (officeId is null || j.OfficeIds.Contains(officeId.Value)) &&
            (requisitionId is null || string.Equals(j.RequisitionId, requisitionId, StringComparison.Ordinal)) &&
            (openingId is null || j.Openings.Exists(o => o.OpeningId == openingId)) &&
            (externalDepartmentId is null || j.DepartmentIds.Exists(id => data.Departments.Find(id)?.ExternalId == externalDepartmentId)) &&
            (externalOfficeId is null || j.OfficeIds.Exists(id => data.Offices.Find(id)?.ExternalId == externalOfficeId));
    }

    /// <summary>GET /v1/jobs/{id}.</summary>
    private static IResult Retrieve(HarvestCall call)
    {
        var id = call.RouteId();
        JobDto? dto;
        lock (call.Data.Gate)
        {
            dto = call.Data.Jobs.Find(id) is { } job ? JobProjection.ToDto(call.Data, job) : null;
        }

        return dto is null ? HarvestResults.NotFound() : TypedResults.Json(dto, HarvestJson.JobDto);
    }
}
