using GemScheduling.Applications;
using GemScheduling.Greenhouse;
using GemScheduling.Sync.Events;

namespace GemScheduling.Sync;

/// <summary>
/// Reading one kind, page by page, without believing Greenhouse blindly: numbered pages fan out only up to a page
/// count no real org exceeds, an empty page before the claimed last one stops the read, and next links are followed
/// only while they are new, lead to records, and stay under the cap.
/// </summary>
public sealed partial class SyncGrain
{
    /// <summary>A run of empty pages, each with a next link, longer than this is a listing that does not end.</summary>
    private const int MaxEmptyPagesInARow = 3;

    private async Task FetchKindAsync(string passId, IGreenhouse source, ResourceKind kind, CancellationToken cancellationToken)
    {
        var progress = State.Current!.Kinds[kind];
        if (!progress.PagesDone.Contains(1))
        {
            var since = progress.Since;
            var first = await OffGrain(() => source.FirstPageAsync(kind, since, cancellationToken));
            var total = first.PageCount ?? (first.Next is null ? 1 : null);
            await RaiseAsync(new SyncPagesPlanned(passId, kind, total, first.PageTemplate?.ToString()));
            await RaiseAsync(new SyncPageCompleted(passId, kind, 1, first.Records.Count, first.Next?.ToString()));
        }

        progress = State.Current!.Kinds[kind];
        if (progress.TotalPages is { } totalPages && progress.PageUrlTemplate is { } template)
        {
            if (totalPages > options.MaxPagesPerKind)
                throw Lie($"Greenhouse claims {totalPages} pages of {kind}; a pass reads at most {options.MaxPagesPerKind}.");

            // Fan out: every remaining page at once, bounded, each still waiting for the org's rate budget.
            var remaining = Enumerable.Range(1, totalPages).Where(p => !progress.PagesDone.Contains(p)).ToList();
            await Parallel.ForEachAsync(remaining, new ParallelOptions
            {
                MaxDegreeOfParallelism = options.PageConcurrency, TaskScheduler = TaskScheduler.Current, CancellationToken = cancellationToken,
            }, async (page, ct) =>
            {
                var fetched = await OffGrain(() => source.NumberedPageAsync(kind, new Uri(template), page, ct));
                await RaiseAsync(new SyncPageCompleted(passId, kind, page, fetched.Records.Count, null));
                if (fetched.Records.Count == 0 && page < totalPages)
                    throw Lie($"Greenhouse said {kind} has {totalPages} pages, but page {page} was empty.");
            });
            return;
        }

        // No page count (cursor paging, or no rel="last"): follow next links one after another.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var emptyInARow = 0;
        while (State.Current!.Kinds[kind].NextUrl is { } next)
        {
            var done = State.Current.Kinds[kind].PagesDone;
            if (done.Count >= options.MaxPagesPerKind)
                throw Lie($"Greenhouse kept sending next links for {kind} past {options.MaxPagesPerKind} pages.");
            if (!seen.Add(next))
                throw Lie($"Greenhouse's next link for {kind} leads back to a page already read.");
            var since = State.Current.Kinds[kind].Since;
            var fetched = await OffGrain(() => source.PageAsync(kind, new Uri(next), since, cancellationToken));
            emptyInARow = fetched.Records.Count == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow > MaxEmptyPagesInARow && fetched.Next is not null)
                throw Lie($"Greenhouse sent {emptyInARow} empty pages of {kind} in a row, each with a next link.");
            await RaiseAsync(new SyncPageCompleted(passId, kind, done.Max() + 1, fetched.Records.Count, fetched.Next?.ToString()));
        }

        // Fetches a page and writes it to the read model on the thread pool, so the grain stays responsive.
        async Task<SyncPage> OffGrain(Func<Task<SyncPage>> fetch) => await Task.Run(async () =>
        {
            var page = await fetch();
            await WriteAsync(page);
            return page;
        }, cancellationToken);
    }

    private static GreenhouseException Lie(string message) => new(GreenhouseFailure.InvalidResponse, message);

    private async Task WriteAsync(SyncPage page)
    {
        var now = time.GetUtcNow();
        switch (page.Kind)
        {
            case ResourceKind.Offices: await readModel.UpsertAsync(OrgId, page.Records.Cast<Office>().ToList(), now); break;
            case ResourceKind.Users: await readModel.UpsertAsync(OrgId, page.Records.Cast<GreenhouseUser>().ToList(), now); break;
            case ResourceKind.Jobs: await readModel.UpsertAsync(OrgId, page.Records.Cast<Job>().ToList(), now); break;
            case ResourceKind.JobPosts: await readModel.UpsertAsync(OrgId, page.Records.Cast<JobPost>().ToList(), now); break;
            case ResourceKind.JobStages: await readModel.UpsertAsync(OrgId, page.Records.Cast<JobStage>().ToList(), now); break;
            case ResourceKind.Candidates: await readModel.UpsertAsync(OrgId, page.Records.Cast<Candidate>().ToList(), now); break;
            case ResourceKind.Applications:
                // Only applications with schedules whose job, status or stage changed hear about it.
                foreach (var changed in await readModel.UpsertApplicationsAsync(OrgId, page.Records.Cast<Application>().ToList(), now))
                    await GrainFactory.Grain<IApplicationGrain>(IApplicationGrain.Key(OrgId, changed.Id)).OnGreenhouseChanged(changed);
                break;
        }

        SyncMetrics.PagesFetched.Add(1, new KeyValuePair<string, object?>("kind", page.Kind.ToString()));
        SyncMetrics.RecordsSynced.Add(page.Records.Count, new KeyValuePair<string, object?>("kind", page.Kind.ToString()));
    }
}
