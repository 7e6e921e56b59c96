using GemScheduling.Harvest;
using GemScheduling.Harvest.V3;
using GemScheduling.Harvest.V3.Models;

namespace GemScheduling.Greenhouse;

/// <summary>
/// What v1 embeds in a job and v3 keeps elsewhere: department and office names (<c>/v3/departments</c>,
/// <c>/v3/offices</c>) and the recruiters and coordinators (<c>/v3/job_owners</c>). A full pass reads each listing
/// once; a targeted read asks for the ids the jobs at hand name. Optional scopes the credential lacks leave the
/// corresponding fields empty.
/// </summary>
internal sealed class V3JobDetails(HarvestV3Client client, V3Reach reach)
{
    private readonly Once<Details> _all = new(ct => ReadAsync(client, reach, null, ct));

    private sealed record Details(IReadOnlyDictionary<long, string?> Departments, IReadOnlyDictionary<long, string?> Offices, ILookup<long, V3JobOwner> Owners);

    public async Task<IReadOnlyList<Job>> JoinAsync(IReadOnlyList<V3Job> jobs, bool fullPass, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
            return [];
        var details = fullPass ? await _all.GetAsync(cancellationToken) : await ReadAsync(client, reach, jobs, cancellationToken);
        return jobs.Select(j => j.ToJob(details.Departments, details.Offices, details.Owners[j.Id!.Value].ToList())).ToList();
    }

    /// <param name="jobs">Only what these jobs name; null for everything.</param>
    private static async Task<Details> ReadAsync(HarvestV3Client client, V3Reach reach, IReadOnlyList<V3Job>? jobs, CancellationToken cancellationToken)
    {
        var departments = !reach.Has(HarvestV3Scopes.DepartmentsList) ? []
            : jobs is null
                ? await client.AllAsync(api => api.ListDepartments(new V3ListFilter { PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken)
                : await client.ByIdsAsync(jobs.Select(j => j.DepartmentId).OfType<long>(), (api, ids) =>
                    api.ListDepartments(new V3ListFilter { Ids = ids, PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        var offices = !reach.Has(HarvestV3Scopes.OfficesList) ? []
            : jobs is null
                ? await client.AllAsync(api => api.ListOffices(new V3ListFilter { PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken)
                : await client.ByIdsAsync(jobs.SelectMany(j => j.OfficeIds ?? []), (api, ids) =>
                    api.ListOffices(new V3ListFilter { Ids = ids, PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        var owners = !reach.Has(HarvestV3Scopes.JobOwnersList) ? []
            : jobs is null
                ? await client.AllAsync(api => api.ListJobOwners(new V3JobOwnerFilter { PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken)
                : await client.ByIdsAsync(jobs.Select(j => j.Id!.Value), (api, ids) =>
                    api.ListJobOwners(new V3JobOwnerFilter { JobIds = ids, PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        return new Details(
            departments.Where(d => d.Id is not null).GroupBy(d => d.Id!.Value).ToDictionary(g => g.Key, g => g.First().Name),
            offices.Where(o => o.Id is not null).GroupBy(o => o.Id!.Value).ToDictionary(g => g.Key, g => g.First().Name),
            owners.Where(o => o.JobId is not null && o.UserId is not null).ToLookup(o => o.JobId!.Value));
    }
}
