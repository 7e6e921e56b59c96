using GemScheduling.Harvest;
using GemScheduling.Harvest.V3;
using GemScheduling.Harvest.V3.Models;

namespace GemScheduling.Greenhouse;

/// <summary>
/// The job interview stage each application is in. v3's <c>stage_id</c> is a stay (an <c>/v3/application_stages</c>
/// row), not the stage: newer schemas also send <c>job_interview_stage_id</c>, and without it the current stay
/// (<c>current=true</c>) names the stage. A full pass reads every current stay as one listing and joins in memory;
/// an incremental one asks only for the applications that changed. Closed applications have no current stay, so, as
/// on Greenhouse's own schema, they are in no stage.
/// </summary>
internal sealed class V3CurrentStages(HarvestV3Client client, V3Reach reach)
{
    private readonly Once<Dictionary<long, long>> _all = new(ct => ReadAllAsync(client, ct));

    public async Task<IReadOnlyList<Application>> JoinAsync(IReadOnlyList<V3Application> applications, bool fullPass, CancellationToken cancellationToken)
    {
        var unknown = applications.Where(a => !a.CarriesJobInterviewStage && a.StageId is not null).Select(a => a.Id!.Value).ToList();
        IReadOnlyDictionary<long, long> stages = unknown.Count == 0 || !reach.Has(HarvestV3Scopes.ApplicationStagesList)
            ? new Dictionary<long, long>()
            : fullPass
                ? await _all.GetAsync(cancellationToken)
                : Current(await client.ByIdsAsync(unknown, (api, ids) => api.ListApplicationStages(new V3ApplicationStageFilter
                    {
                        ApplicationIds = ids, Current = true, PerPage = V3Lists.PageSize,
                    }, cancellationToken), cancellationToken));
        return applications.Select(a => a.ToApplication(a.CarriesJobInterviewStage
            ? a.JobInterviewStageId
            : a.StageId is null ? null : stages.TryGetValue(a.Id!.Value, out var stage) ? stage : null)).ToList();
    }

    private static async Task<Dictionary<long, long>> ReadAllAsync(HarvestV3Client client, CancellationToken cancellationToken) =>
        Current(await client.AllAsync(api => api.ListApplicationStages(new V3ApplicationStageFilter { Current = true, PerPage = V3Lists.PageSize }, cancellationToken),
            cancellationToken));

    /// <summary>One stage per application: the open stay (should Greenhouse ever send two, the one entered last).</summary>
    private static Dictionary<long, long> Current(IEnumerable<V3ApplicationStage> rows) => rows
        .Where(r => r.ApplicationId is not null && r.JobInterviewStageId is not null && r.ExitedAt is null)
        .GroupBy(r => r.ApplicationId!.Value)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.EnteredAt ?? DateTimeOffset.MinValue).ThenByDescending(r => r.Id).First().JobInterviewStageId!.Value);
}
