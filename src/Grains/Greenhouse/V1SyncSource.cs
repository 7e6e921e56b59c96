using GemScheduling.Harvest;
using GemScheduling.Harvest.V1;
using GemScheduling.Harvest.V1.Models;

namespace GemScheduling.Greenhouse;

/// <summary>One page of a synced resource, already in GemScheduling's shapes.</summary>
public sealed record SyncPage(ResourceKind Kind, IReadOnlyList<object> Records, Uri? Next, Uri? Last);

/// <summary>Reads each synced resource kind from Harvest v1/v2, page by page; incremental where Harvest allows it.</summary>
public sealed class V1SyncSource(HarvestV1Client client, int pageSize)
{
    /// <param name="since">Only records changed at or after this (null: everything). Offices have no such filter.</param>
    public async Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var after = since is null ? null : PageFilter.Timestamp(since.Value);
        return kind switch
        {
            ResourceKind.Offices => await First(kind, api => api.ListOffices(new PageFilter { PerPage = pageSize }, cancellationToken), (HarvestOffice o) => o.ToOffice(), cancellationToken),
            ResourceKind.Users => await First(kind, api => api.ListUsers(new UserFilter { PerPage = pageSize, UpdatedAfter = after }, cancellationToken), (HarvestUser u) => u.ToUser(), cancellationToken),
            ResourceKind.Jobs => await First(kind, api => api.ListJobs(new JobFilter { PerPage = pageSize, UpdatedAfter = after }, cancellationToken), (HarvestJob j) => j.ToJob(), cancellationToken),
            ResourceKind.JobPosts => await First(kind, api => api.ListJobPosts(new JobPostFilter { PerPage = pageSize, UpdatedAfter = after }, cancellationToken), (HarvestJobPost p) => p.ToJobPost(), cancellationToken),
            ResourceKind.JobStages => await First(kind, api => api.ListJobStages(new PageFilter { PerPage = pageSize, UpdatedAfter = after }, cancellationToken), (HarvestJobStage s) => s.ToJobStage(), cancellationToken),
            ResourceKind.Candidates => await First(kind, api => api.ListCandidates(new CandidateFilter { PerPage = pageSize, UpdatedAfter = after }, cancellationToken), (HarvestCandidate c) => c.ToCandidate(), cancellationToken),
            ResourceKind.Applications => await First(kind, api => api.ListApplications(new ApplicationFilter { PerPage = pageSize, LastActivityAfter = after }, cancellationToken), (HarvestApplication a) => a.ToApplication(), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    public async Task<SyncPage> PageAsync(ResourceKind kind, Uri url, CancellationToken cancellationToken) => kind switch
    {
        ResourceKind.Offices => await Next(kind, url, (HarvestOffice o) => o.ToOffice(), cancellationToken),
        ResourceKind.Users => await Next(kind, url, (HarvestUser u) => u.ToUser(), cancellationToken),
        ResourceKind.Jobs => await Next(kind, url, (HarvestJob j) => j.ToJob(), cancellationToken),
        ResourceKind.JobPosts => await Next(kind, url, (HarvestJobPost p) => p.ToJobPost(), cancellationToken),
        ResourceKind.JobStages => await Next(kind, url, (HarvestJobStage s) => s.ToJobStage(), cancellationToken),
        ResourceKind.Candidates => await Next(kind, url, (HarvestCandidate c) => c.ToCandidate(), cancellationToken),
        ResourceKind.Applications => await Next(kind, url, (HarvestApplication a) => a.ToApplication(), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Retrieve Job, Job Post for Job and Stages for Job: one job, fresh.</summary>
    public async Task<(Job Job, JobPost? Post, IReadOnlyList<JobStage> Stages)> JobAsync(long jobId, CancellationToken cancellationToken)
    {
        var job = (await client.CallAsync(api => api.RetrieveJob(jobId, cancellationToken), cancellationToken)).ToJob();
        JobPost? post = null;
        try
        {
            post = (await client.CallAsync(api => api.RetrieveJobPostForJob(jobId, cancellationToken), cancellationToken)).ToJobPost();
        }
        catch (HarvestApiException ex) when (ex.Kind == HarvestErrorKind.NotFound)
        {
            // A job without a post (drafts, internal-only hiring) is normal.
        }

        var stages = (await client.CallAsync(api => api.ListJobStagesForJob(jobId, cancellationToken), cancellationToken)).Select(s => s.ToJobStage()).ToList();
        return (job, post, stages);
    }

    private async Task<SyncPage> First<TWire>(ResourceKind kind, Func<IHarvestV1Api, Task<Refit.IApiResponse<List<TWire>>>> call, Func<TWire, object> map, CancellationToken cancellationToken)
    {
        await foreach (var page in client.PagesAsync(call, cancellationToken))
            return new SyncPage(kind, page.Items.Select(map).ToList(), page.Next, page.Last);
        return new SyncPage(kind, [], null, null);
    }

    private async Task<SyncPage> Next<TWire>(ResourceKind kind, Uri url, Func<TWire, object> map, CancellationToken cancellationToken)
    {
        var page = await client.PageAsync<TWire>(url, cancellationToken);
        return new SyncPage(kind, page.Items.Select(map).ToList(), page.Next, page.Last);
    }
}
