using GemScheduling.Harvest;
using GemScheduling.Harvest.V3;
using GemScheduling.Harvest.V3.Models;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Reads each synced resource kind from Harvest v3. Cursor paging: filters go on the first request only, then the
/// next Link is followed exactly as given; there is no last page, so the sync grain walks each kind in order and runs
/// the kinds side by side. v3 resources are flat: what v1 embeds (an application's stage, a stage's interview steps
/// and their default interviewers, a job's department, offices and hiring team) is read as whole listings once per
/// full pass and joined in memory, or, in an incremental pass, asked for only for the records that changed.
/// One instance serves one run of a pass; a pass resumed after a crash gets a new one, which reads the joins again.
/// </summary>
internal sealed class V3SyncSource(HarvestV3Client client, GreenhouseOptions options, V3Reach reach)
{
    private readonly int _pageSize = Math.Clamp(options.PageSize, 1, V3Lists.PageSize);
    private readonly V3InterviewPlans _plans = new(client, reach);
    private readonly V3CurrentStages _stages = new(client, reach);
    private readonly V3JobDetails _jobs = new(client, reach);
    private readonly Once<bool> _listsAnswer = new(ct => ListsAnswerAsync(client, ct));

    /// <param name="since">Only records changed at or after this (null: everything, a full pass). Offices have no such filter.</param>
    public Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var updated = since is null ? null : V3ListFilter.Since(since.Value);
        var full = since is null;
        return kind switch
        {
            ResourceKind.Offices => First(kind, full, api => api.ListOffices(new V3ListFilter { PerPage = _pageSize }, cancellationToken), cancellationToken),
            ResourceKind.Users => First(kind, full, api => api.ListUsers(new V3UserFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.Jobs => First(kind, full, api => api.ListJobs(new V3ListFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.JobPosts => First(kind, full, api => api.ListJobPosts(new V3JobChildFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.JobStages => First(kind, full, api => api.ListJobInterviewStages(new V3JobChildFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.Candidates => First(kind, full, api => api.ListCandidates(new V3ListFilter { PerPage = _pageSize, UpdatedAt = updated }, cancellationToken), cancellationToken),
            ResourceKind.Applications => First(kind, full, api => api.ListApplications(new V3ApplicationFilter { PerPage = _pageSize, LastActivityAt = updated }, cancellationToken), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    public Task<SyncPage> PageAsync(ResourceKind kind, Uri url, DateTimeOffset? since, CancellationToken cancellationToken) => kind switch
    {
        ResourceKind.Offices => Next<V3Office>(kind, url, since is null, cancellationToken),
        ResourceKind.Users => Next<V3User>(kind, url, since is null, cancellationToken),
        ResourceKind.Jobs => Next<V3Job>(kind, url, since is null, cancellationToken),
        ResourceKind.JobPosts => Next<V3JobPost>(kind, url, since is null, cancellationToken),
        ResourceKind.JobStages => Next<V3JobInterviewStage>(kind, url, since is null, cancellationToken),
        ResourceKind.Candidates => Next<V3Candidate>(kind, url, since is null, cancellationToken),
        ResourceKind.Applications => Next<V3Application>(kind, url, since is null, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>One job, its external post and its stages with their interview steps, fresh (v3 has no single-record GETs).</summary>
    public async Task<(Job Job, JobPost? Post, IReadOnlyList<JobStage> Stages)> JobAsync(long jobId, CancellationToken cancellationToken)
    {
        var jobs = await client.CallAsync(api => api.ListJobs(new V3ListFilter { Ids = jobId.ToString() }, cancellationToken), cancellationToken);
        var job = jobs.FirstOrDefault(j => j.Id == jobId)
                  ?? throw new HarvestApiException(HarvestErrorKind.NotFound, System.Net.HttpStatusCode.NotFound, $"Job {jobId} not found.", endpoint: "GET /v3/jobs");
        var posts = await client.AllAsync(api => api.ListJobPosts(new V3JobChildFilter { JobIds = jobId.ToString(), PerPage = V3Lists.PageSize }, cancellationToken), cancellationToken);
        var post = posts.Where(p => p.JobId == jobId).OrderBy(p => p.Internal == true).ThenByDescending(p => p.Live == true).FirstOrDefault();
        var stages = (await client.AllAsync(api => api.ListJobInterviewStages(new V3JobChildFilter { JobIds = jobId.ToString(), PerPage = V3Lists.PageSize }, cancellationToken),
            cancellationToken)).Where(s => s.Id is not null && s.JobId == jobId).ToList();
        var joined = (await _jobs.JoinAsync([job], fullPass: false, cancellationToken))[0];
        return (joined, post?.ToJobPost(), await _plans.ForJobAsync(jobId, stages, cancellationToken));
    }

    /// <summary>Applications read by id, each joined to the stage it is in (as an incremental pass does).</summary>
    public Task<IReadOnlyList<Application>> JoinStagesAsync(IReadOnlyList<V3Application> applications, CancellationToken cancellationToken) =>
        _stages.JoinAsync(applications, fullPass: false, cancellationToken);

    /// <summary>
    /// v3 answers a reader who is not a Site Admin with empty lists. A full pass that believed them would mark every
    /// record removed, so before one starts (once per run) GemScheduling checks that users, which no org lacks, are visible.
    /// </summary>
    private static async Task<bool> ListsAnswerAsync(HarvestV3Client client, CancellationToken cancellationToken)
    {
        return await client.ReaderSeesUsersAsync(cancellationToken)
            ? true
            : throw new HarvestApiException(HarvestErrorKind.Forbidden, null,
                "Greenhouse lists no users at all to the reader: it is not a Site Admin, so every v3 list reads empty. The full pass did not run, so nothing is marked removed.",
                endpoint: "GET /v3/users");
    }

    private async Task<SyncPage> First<TWire>(ResourceKind kind, bool full, Func<IHarvestV3Api, Task<Refit.IApiResponse<List<TWire>>>> call, CancellationToken cancellationToken)
    {
        if (full)
            await _listsAnswer.GetAsync(cancellationToken);
        await foreach (var page in client.PagesAsync(call, cancellationToken))
            return new SyncPage(kind, await MapAsync(kind, page.Items, full, cancellationToken), page.Next);
        return new SyncPage(kind, [], null);
    }

    private async Task<SyncPage> Next<TWire>(ResourceKind kind, Uri url, bool full, CancellationToken cancellationToken)
    {
        if (full)
            await _listsAnswer.GetAsync(cancellationToken);
        var page = await client.PageAsync<TWire>(url, cancellationToken);
        return new SyncPage(kind, await MapAsync(kind, page.Items, full, cancellationToken), page.Next);
    }

    private async Task<IReadOnlyList<object>> MapAsync<TWire>(ResourceKind kind, IReadOnlyList<TWire> items, bool full, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case ResourceKind.Offices: return items.Cast<V3Office>().Where(o => o.Id is not null).Select(o => (object)o.ToOffice()).ToList();
            case ResourceKind.Users: return items.Cast<V3User>().Where(u => u.Id is not null).Select(u => (object)u.ToUser()).ToList();
            case ResourceKind.JobPosts: return items.Cast<V3JobPost>().Where(p => p.Id is not null).Select(p => (object)p.ToJobPost()).ToList();
            case ResourceKind.Candidates: return items.Cast<V3Candidate>().Where(c => c.Id is not null).Select(c => (object)c.ToCandidate()).ToList();
            case ResourceKind.Jobs:
                var jobs = items.Cast<V3Job>().Where(j => j.Id is not null).ToList();
                return (await _jobs.JoinAsync(jobs, full, cancellationToken)).Cast<object>().ToList();
            case ResourceKind.JobStages:
                var stages = items.Cast<V3JobInterviewStage>().Where(s => s.Id is not null).ToList();
                var joined = stages.Count == 0 ? [] : full
                    ? await _plans.FromAllAsync(stages, cancellationToken)
                    : await _plans.ForStagesAsync(stages, cancellationToken);
                return joined.Cast<object>().ToList();
            case ResourceKind.Applications:
                var applications = items.Cast<V3Application>().Where(a => a.Id is not null).ToList();
                return (await _stages.JoinAsync(applications, full, cancellationToken)).Cast<object>().ToList();
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
