using GemScheduling.Harvest;
using GemScheduling.Harvest.V3;
using GemScheduling.Harvest.V3.Models;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Reads each synced resource kind from Harvest v3. Cursor paging: filters go on the first request only, then the
/// next Link is followed exactly as given; there is no last page, so the sync grain walks each kind in order and runs
/// the kinds side by side. v3 resources are flat, so stages are joined with their job interviews and default
/// interviewers, and applications with their current stage, a page at a time (≤ 50 ids per filter).
/// </summary>
internal sealed class V3SyncSource(HarvestV3Client client, GreenhouseOptions options)
{
    private const int ChildPageSize = 500;
    private readonly int _pageSize = Math.Clamp(options.PageSize, 1, 500);

    /// <param name="since">Only records changed at or after this (null: everything). Offices have no such filter.</param>
    public Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var updated = since is null ? null : V3ListFilter.Since(since.Value);
        return kind switch
        {
            ResourceKind.Offices => First(kind, api => api.ListOffices(new V3ListFilter { PerPage = _pageSize }, cancellationToken), cancellationToken),
            ResourceKind.Users => First(kind, api => api.ListUsers(new V3UserFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.Jobs => First(kind, api => api.ListJobs(new V3ListFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.JobPosts => First(kind, api => api.ListJobPosts(new V3JobChildFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.JobStages => First(kind, api => api.ListJobInterviewStages(new V3JobChildFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.Candidates => First(kind, api => api.ListCandidates(new V3ListFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.Applications => First(kind, api => api.ListApplications(new V3ApplicationFilter { PerPage = _pageSize, LastActivityAt = updated }, cancellationToken), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    public Task<SyncPage> PageAsync(ResourceKind kind, Uri url, CancellationToken cancellationToken) => kind switch
    {
        ResourceKind.Offices => Next<V3Office>(kind, url, cancellationToken),
        ResourceKind.Users => Next<V3User>(kind, url, cancellationToken),
        ResourceKind.Jobs => Next<V3Job>(kind, url, cancellationToken),
        ResourceKind.JobPosts => Next<V3JobPost>(kind, url, cancellationToken),
        ResourceKind.JobStages => Next<V3JobInterviewStage>(kind, url, cancellationToken),
        ResourceKind.Candidates => Next<V3Candidate>(kind, url, cancellationToken),
        ResourceKind.Applications => Next<V3Application>(kind, url, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>One job, its external post and its stages with their interview steps, fresh (v3 has no single-record GETs).</summary>
    public async Task<(Job Job, JobPost? Post, IReadOnlyList<JobStage> Stages)> JobAsync(long jobId, CancellationToken cancellationToken)
    {
        var jobs = await client.CallAsync(api => api.ListJobs(new V3ListFilter { Ids = jobId.ToString() }, cancellationToken), cancellationToken);
        var job = jobs.FirstOrDefault(j => j.Id == jobId)
                  ?? throw new HarvestApiException(HarvestErrorKind.NotFound, System.Net.HttpStatusCode.NotFound, $"Job {jobId} not found.", endpoint: "GET /v3/jobs");
        var posts = await AllAsync(api => api.ListJobPosts(new V3JobChildFilter { JobIds = jobId.ToString(), PerPage = ChildPageSize }, cancellationToken), cancellationToken);
        var post = posts.Where(p => p.JobId == jobId).OrderBy(p => p.Internal == true).ThenByDescending(p => p.Live == true).FirstOrDefault();
        var stages = await AllAsync(api => api.ListJobInterviewStages(new V3JobChildFilter { JobIds = jobId.ToString(), PerPage = ChildPageSize }, cancellationToken), cancellationToken);
        return (job.ToJob(), post?.ToJobPost(), await WithStepsAsync(stages, cancellationToken));
    }

    private async Task<SyncPage> First<TWire>(ResourceKind kind, Func<IHarvestV3Api, Task<Refit.IApiResponse<List<TWire>>>> call, CancellationToken cancellationToken)
    {
        await foreach (var page in client.PagesAsync(call, cancellationToken))
            return new SyncPage(kind, await MapAsync(kind, page.Items, cancellationToken), page.Next);
        return new SyncPage(kind, [], null);
    }

    private async Task<SyncPage> Next<TWire>(ResourceKind kind, Uri url, CancellationToken cancellationToken)
    {
        var page = await client.PageAsync<TWire>(url, cancellationToken);
        return new SyncPage(kind, await MapAsync(kind, page.Items, cancellationToken), page.Next);
    }

    private async Task<IReadOnlyList<object>> MapAsync<TWire>(ResourceKind kind, IReadOnlyList<TWire> items, CancellationToken cancellationToken) => kind switch
    {
        ResourceKind.Offices => items.Cast<V3Office>().Where(o => o.Id is not null).Select(o => (object)o.ToOffice()).ToList(),
        ResourceKind.Users => items.Cast<V3User>().Where(u => u.Id is not null).Select(u => (object)u.ToUser()).ToList(),
        ResourceKind.Jobs => items.Cast<V3Job>().Where(j => j.Id is not null).Select(j => (object)j.ToJob()).ToList(),
        ResourceKind.JobPosts => items.Cast<V3JobPost>().Where(p => p.Id is not null).Select(p => (object)p.ToJobPost()).ToList(),
        ResourceKind.JobStages => (await WithStepsAsync(items.Cast<V3JobInterviewStage>().Where(s => s.Id is not null).ToList(), cancellationToken)).Cast<object>().ToList(),
        ResourceKind.Candidates => items.Cast<V3Candidate>().Where(c => c.Id is not null).Select(c => (object)c.ToCandidate()).ToList(),
        ResourceKind.Applications => (await WithCurrentStageAsync(items.Cast<V3Application>().Where(a => a.Id is not null).ToList(), cancellationToken)).Cast<object>().ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Joins stages with their job interviews (by job) and those with their default interviewers.</summary>
    private async Task<IReadOnlyList<JobStage>> WithStepsAsync(IReadOnlyList<V3JobInterviewStage> stages, CancellationToken cancellationToken)
    {
        var steps = new List<V3JobInterview>();
        foreach (var jobIds in stages.Select(s => s.JobId).OfType<long>().Distinct().Chunk(V3ListFilter.MaxIdsPerFilter))
            steps.AddRange(await AllAsync(api => api.ListJobInterviews(new V3JobChildFilter { JobIds = V3ListFilter.IdList(jobIds), PerPage = ChildPageSize }, cancellationToken), cancellationToken));
        var stageIds = stages.Select(s => s.Id).ToHashSet();
        steps.RemoveAll(step => step.Id is null || !stageIds.Contains(step.JobInterviewStageId));

        var defaults = new List<V3DefaultInterviewer>();
        foreach (var stepIds in steps.Select(s => s.Id!.Value).Distinct().Chunk(V3ListFilter.MaxIdsPerFilter))
            defaults.AddRange(await AllAsync(api => api.ListDefaultInterviewers(new V3DefaultInterviewerFilter { JobInterviewIds = V3ListFilter.IdList(stepIds), PerPage = ChildPageSize }, cancellationToken), cancellationToken));
        var panels = defaults.Where(d => d.JobInterviewId is not null && d.UserId is not null)
            .OrderBy(d => d.Id)
            .GroupBy(d => d.JobInterviewId!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)g.Select(d => d.UserId!.Value).Distinct().ToList());
        var stepsByStage = steps.OrderBy(s => s.Id).GroupBy(s => s.JobInterviewStageId!.Value)
            .ToDictionary(g => g.Key, g => g.Select(s => s.ToInterviewStep(panels.GetValueOrDefault(s.Id!.Value, []))).ToList());
        return stages.Select(s => s.ToJobStage(stepsByStage.GetValueOrDefault(s.Id!.Value, []))).ToList();
    }

    /// <summary>
    /// v3's <c>stage_id</c> is an application-stage instance, not the job's stage: the current one is the
    /// <c>/v3/application_stages</c> row that has not been exited.
    /// </summary>
    private async Task<IReadOnlyList<Application>> WithCurrentStageAsync(IReadOnlyList<V3Application> applications, CancellationToken cancellationToken)
    {
        var current = new Dictionary<long, V3ApplicationStage>();
        foreach (var ids in applications.Where(a => a.StageId is not null).Select(a => a.Id!.Value).Chunk(V3ListFilter.MaxIdsPerFilter))
        {
            var rows = await AllAsync(api => api.ListApplicationStages(new V3ApplicationStageFilter { ApplicationIds = V3ListFilter.IdList(ids), PerPage = ChildPageSize }, cancellationToken), cancellationToken);
            foreach (var row in rows.Where(r => r.ApplicationId is not null && r.JobInterviewStageId is not null))
            {
                // The open stay; failing that (a closed application), the latest one.
                var id = row.ApplicationId!.Value;
                if (!current.TryGetValue(id, out var best) || Rank(row).CompareTo(Rank(best)) > 0)
                    current[id] = row;
            }
        }

        return applications.Select(a => a.ToApplication(a.StageId is null ? null : current.GetValueOrDefault(a.Id!.Value)?.JobInterviewStageId)).ToList();

        static (bool Open, DateTimeOffset Entered, long Id) Rank(V3ApplicationStage s) => (s.ExitedAt is null, s.EnteredAt ?? DateTimeOffset.MinValue, s.Id ?? 0);
    }

    private async Task<List<T>> AllAsync<T>(Func<IHarvestV3Api, Task<Refit.IApiResponse<List<T>>>> firstPage, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        await foreach (var item in client.ItemsAsync(firstPage, cancellationToken))
            all.Add(item);
        return all;
    }
}
