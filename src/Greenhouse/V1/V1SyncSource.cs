using GemScheduling.Harvest;
using GemScheduling.Harvest.V1;
using GemScheduling.Harvest.V1.Models;

namespace GemScheduling.Greenhouse;

/// <summary>Reads each synced resource kind from Harvest v1/v2, page by page; incremental where Harvest allows it.</summary>
internal sealed class V1SyncSource(HarvestV1Client client, GreenhouseOptions options)
{
    /// <param name="since">Only records changed at or after this (null: everything). Offices have no such filter.</param>
    public async Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var after = since is null ? null : PageFilter.Timestamp(since.Value);
        return kind switch
        {
            ResourceKind.Offices => await First(kind, api => api.ListOffices(new PageFilter { PerPage = options.PageSize }, cancellationToken), (HarvestOffice o) => o.ToOffice(), cancellationToken),
            ResourceKind.Users => await First(kind, api => api.ListUsers(new UserFilter { PerPage = options.PageSize, UpdatedAfter = after }, cancellationToken), (HarvestUser u) => u.ToUser(), cancellationToken),
            ResourceKind.Jobs => await First(kind, api => api.ListJobs(new JobFilter { PerPage = options.PageSize, UpdatedAfter = after }, cancellationToken), (HarvestJob j) => j.ToJob(), cancellationToken),
            ResourceKind.JobPosts => await First(kind, api => api.ListJobPosts(new JobPostFilter { PerPage = options.PageSize, UpdatedAfter = after }, cancellationToken), (HarvestJobPost p) => p.ToJobPost(), cancellationToken),
            ResourceKind.JobStages => await First(kind, api => api.ListJobStages(new PageFilter { PerPage = options.PageSize, UpdatedAfter = after }, cancellationToken), (HarvestJobStage s) => s.ToJobStage(), cancellationToken),
            ResourceKind.Candidates => await First(kind, api => api.ListCandidates(new CandidateFilter { PerPage = options.PageSize, UpdatedAfter = after }, cancellationToken), (HarvestCandidate c) => c.ToCandidate(), cancellationToken),
            ResourceKind.Applications => await First(kind, api => api.ListApplications(new ApplicationFilter { PerPage = options.PageSize, LastActivityAfter = after }, cancellationToken), (HarvestApplication a) => a.ToApplication(), cancellationToken),
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

    /// <summary>A page of a listing <see cref="First{TWire}"/> said has pages numbered up to its <c>rel="last"</c>.</summary>
    public Task<SyncPage> NumberedPageAsync(ResourceKind kind, Uri template, int page, CancellationToken cancellationToken) =>
        page < 1 || page > options.MaxPagesPerListing
            ? throw new HarvestApiException(HarvestErrorKind.InvalidResponse, null, $"Page {page} is outside the listing's pages.")
            : PageAsync(kind, LinkHeader.WithPage(template, page), cancellationToken);

    private async Task<SyncPage> First<TWire>(ResourceKind kind, Func<IHarvestV1Api, Task<Refit.IApiResponse<List<TWire>>>> call, Func<TWire, object> map, CancellationToken cancellationToken)
    {
        await foreach (var page in client.PagesAsync(call, cancellationToken))
            return ToSyncPage(kind, page, map);
        return new SyncPage(kind, [], null);
    }

    private async Task<SyncPage> Next<TWire>(ResourceKind kind, Uri url, Func<TWire, object> map, CancellationToken cancellationToken) =>
        ToSyncPage(kind, await client.PageAsync<TWire>(url, cancellationToken), map);

    /// <summary>
    /// The page count comes from Greenhouse's <c>rel="last"</c>; it is believed only when it is a page number of this
    /// listing on the connection's own origin, and no larger than any real org could need.
    /// </summary>
    private SyncPage ToSyncPage<TWire>(ResourceKind kind, HarvestPage<TWire> page, Func<TWire, object> map)
    {
        var records = page.Items.Select(map).ToList();
        if (page.Last is not { } last)
            return new SyncPage(kind, records, page.Next);
        var count = page.PageCount;
        if (count is not { } pages || pages < 1)
            throw new HarvestApiException(HarvestErrorKind.InvalidResponse, null, $"Greenhouse's rel=\"last\" link names no page number ({last.AbsolutePath}).");
        if (pages > options.MaxPagesPerListing)
            throw new HarvestApiException(HarvestErrorKind.InvalidResponse, null,
                $"Greenhouse claims {pages} pages of {kind}; GemScheduling reads at most {options.MaxPagesPerListing} pages of one listing.");
        return new SyncPage(kind, records, page.Next, pages, last);
    }
}
