using GemScheduling.Harvest.V3;
using GemScheduling.Harvest.V3.Models;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Joins v3's flat interview plan back together: stage ← job interviews (our interview steps) ← interview kit (one per
/// step) ← default interviewers (rows name only the kit). A full pass reads each of the three as one whole listing and
/// joins in memory; a targeted read (changed stages, one job) filters each by the ids the previous one found.
/// </summary>
internal sealed class V3InterviewPlans(HarvestV3Client client, V3Reach reach)
{
    private readonly Once<Plans> _all = new(ct => ReadAllAsync(client, reach, ct));

    private sealed record Plans(ILookup<long, V3JobInterview> StepsByStage, IReadOnlyDictionary<long, IReadOnlyList<long>> DefaultsByStep);

    /// <summary>For a full pass: every plan, read once for the whole pass (and again only after a crash).</summary>
    public async Task<IReadOnlyList<JobStage>> FromAllAsync(IReadOnlyList<V3JobInterviewStage> stages, CancellationToken cancellationToken) =>
        Join(stages, await _all.GetAsync(cancellationToken));

    /// <summary>For a few stages: only their steps, kits and default interviewers.</summary>
    public async Task<IReadOnlyList<JobStage>> ForStagesAsync(IReadOnlyList<V3JobInterviewStage> stages, CancellationToken cancellationToken)
    {
        var steps = await client.ByIdsAsync(stages.Select(s => s.Id!.Value), (api, ids) =>
            api.ListJobInterviews(new V3JobInterviewFilter { JobInterviewStageIds = ids, PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        return Join(stages, await PlansAsync(steps, cancellationToken));
    }

    /// <summary>One job's stages, fresh.</summary>
    public async Task<IReadOnlyList<JobStage>> ForJobAsync(long jobId, IReadOnlyList<V3JobInterviewStage> stages, CancellationToken cancellationToken)
    {
        var steps = await client.AllAsync(api => api.ListJobInterviews(new V3JobInterviewFilter { JobIds = jobId.ToString(), PerPage = V3Lists.PageSize }, cancellationToken),
            cancellationToken);
        return Join(stages, await PlansAsync(steps, cancellationToken));
    }

    private async Task<Plans> PlansAsync(List<V3JobInterview> steps, CancellationToken cancellationToken)
    {
        steps.RemoveAll(s => s.Id is null || s.JobInterviewStageId is null);
        if (!reach.HasDefaultInterviewers || steps.Count == 0)
            return new Plans(steps.ToLookup(s => s.JobInterviewStageId!.Value), new Dictionary<long, IReadOnlyList<long>>());
        var kits = await client.ByIdsAsync(steps.Select(s => s.Id!.Value), (api, ids) =>
            api.ListInterviewKits(new V3InterviewKitFilter { JobInterviewIds = ids, PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        var kitIds = kits.Where(k => k.Id is not null).Select(k => k.Id!.Value).ToList();
        var defaults = await client.ByIdsAsync(kitIds, (api, ids) =>
            api.ListDefaultInterviewers(new V3DefaultInterviewerFilter { InterviewKitIds = ids, PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        return new Plans(steps.ToLookup(s => s.JobInterviewStageId!.Value), DefaultsByStep(kits, defaults));
    }

    private static async Task<Plans> ReadAllAsync(HarvestV3Client client, V3Reach reach, CancellationToken cancellationToken)
    {
        var steps = await client.AllAsync(api => api.ListJobInterviews(new V3JobInterviewFilter { PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        steps.RemoveAll(s => s.Id is null || s.JobInterviewStageId is null);
        if (!reach.HasDefaultInterviewers)
            return new Plans(steps.ToLookup(s => s.JobInterviewStageId!.Value), new Dictionary<long, IReadOnlyList<long>>());
        var kits = await client.AllAsync(api => api.ListInterviewKits(new V3InterviewKitFilter { PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        var defaults = await client.AllAsync(api => api.ListDefaultInterviewers(new V3DefaultInterviewerFilter { PerPage = V3Lists.PageSize }, cancellationToken),
            cancellationToken);
        return new Plans(steps.ToLookup(s => s.JobInterviewStageId!.Value), DefaultsByStep(kits, defaults));
    }

    private static Dictionary<long, IReadOnlyList<long>> DefaultsByStep(List<V3InterviewKit> kits, List<V3DefaultInterviewer> defaults)
    {
        var stepOfKit = kits.Where(k => k.Id is not null && k.JobInterviewId is not null)
            .GroupBy(k => k.Id!.Value).ToDictionary(g => g.Key, g => g.First().JobInterviewId!.Value);
        return defaults
            .Where(d => d.UserId is not null && d.InterviewKitId is { } kit && stepOfKit.ContainsKey(kit))
            .OrderBy(d => d.Id)
            .GroupBy(d => stepOfKit[d.InterviewKitId!.Value])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)g.Select(d => d.UserId!.Value).Distinct().ToList());
    }

    private static List<JobStage> Join(IReadOnlyList<V3JobInterviewStage> stages, Plans plans) =>
        stages.Select(stage => stage.ToJobStage(plans.StepsByStage[stage.Id!.Value]
            .Where(step => step.JobId is null || step.JobId == stage.JobId)
            .OrderBy(step => step.Id)
            .Select(step => step.ToInterviewStep(plans.DefaultsByStep.GetValueOrDefault(step.Id!.Value, [])))
            .ToList())).ToList();
}
