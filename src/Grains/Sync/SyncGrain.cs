using GemScheduling.Applications;
using GemScheduling.EventSourcing;
using GemScheduling.Greenhouse;
using GemScheduling.Harvest;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Sync.Events;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace GemScheduling.Sync;

[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed class SyncGrain(
    GreenhouseFactory greenhouses, IGreenhouseReadModel readModel, SyncOptions options, TimeProvider time, ILogger<SyncGrain> logger)
    : EventSourcedGrain<SyncState, SyncEvent>, ISyncGrain, IRemindable
{
    private const string ReminderName = "sync";
    private static readonly ResourceKind[] AllKinds = Enum.GetValues<ResourceKind>();

    private readonly SemaphoreSlim _raiseGate = new(1, 1);
    private Task? _running;

    protected override string StreamCategory => "sync";

    protected override int SnapshotEvery => 200;

    private string OrgId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (State.Current is not null)
        {
            // A pass was interrupted (silo crash, deactivation): pick it up where its events say it stopped.
            this.RegisterGrainTimer(_ => { EnsureRunning(); return Task.CompletedTask; },
                new GrainTimerCreationOptions { DueTime = TimeSpan.FromMilliseconds(200), Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
        }
    }

    public async Task<SyncStatus> Start(SyncMode mode, string actor)
    {
        if (State.Current is null)
        {
            var passId = $"pass-{time.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid():N}"[..32];
            var since = AllKinds.ToDictionary(k => k, k => Since(mode, k));
            await RaiseAsync(new SyncPassStarted(passId, mode, time.GetUtcNow(), actor, since), actor);
            SyncMetrics.PassesStarted.Add(1, new KeyValuePair<string, object?>("mode", mode.ToString()));
        }

        await EnsureScheduled();
        EnsureRunning();
        return Status();
    }

    public async Task<JobSyncResult> SyncJob(long jobId, string actor)
    {
        var access = await Access();
        var (job, post, stages) = await greenhouses.For(access, HarvestLane.Interactive).JobAsync(jobId, default);
        var now = time.GetUtcNow();
        await readModel.UpsertAsync(OrgId, [job], now);
        if (post is not null)
            await readModel.UpsertAsync(OrgId, [post], now);
        await readModel.UpsertAsync(OrgId, stages, now);
        return new JobSyncResult(job.Id, job.Name, job.Status, post?.Title, stages.Count, stages.Where(s => s.Active).Sum(s => s.InterviewSteps.Count(i => i.Schedulable)));
    }

    public Task<SyncStatus> GetStatus() => Task.FromResult(Status());

    public async Task EnsureScheduled()
    {
        if (await this.GetReminder(ReminderName) is null)
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Current is not null)
            EnsureRunning();
        else if (State.LastSucceededAt is null || time.GetUtcNow() - (State.Last?.StartedAt ?? DateTimeOffset.MinValue) >= options.Interval)
            await Start(State.LastSucceededAt is null ? SyncMode.Full : SyncMode.Incremental, "schedule");
    }

    protected override void TransitionState(SyncState state, SyncEvent @event) => state.Apply(@event);

    private DateTimeOffset? Since(SyncMode mode, ResourceKind kind) =>
        mode == SyncMode.Incremental && kind != ResourceKind.Offices && State.Watermarks.TryGetValue(kind, out var watermark)
            ? watermark - options.Overlap
            : null;

    private void EnsureRunning()
    {
        if (_running is { IsCompleted: false } || State.Current is null)
            return;
        _running = RunPassAsync(State.Current.Id);
    }

    private async Task RunPassAsync(string passId)
    {
        try
        {
            var access = await Access();
            var source = greenhouses.For(access, HarvestLane.Background);
            var kinds = State.Current!.Kinds.Where(k => !k.Value.IsFinished).Select(k => k.Key).ToList();
            await Task.WhenAll(kinds.Select(kind => RunKindAsync(passId, source, kind)));
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Sync pass {PassId} of {OrgId} could not run", passId, OrgId);
            foreach (var kind in State.Current?.Kinds.Where(k => !k.Value.IsFinished).Select(k => k.Key).ToList() ?? [])
                await RaiseAsync(new SyncKindFailed(passId, kind, time.GetUtcNow(), Describe(ex)));
        }

        if (State.Current?.Id == passId)
        {
            var succeeded = State.Current.Kinds.Values.All(k => k.State == SyncStatus.Succeeded);
            await RaiseAsync(new SyncPassFinished(passId, time.GetUtcNow(), succeeded));
            SyncMetrics.PassesFinished.Add(1, new KeyValuePair<string, object?>("succeeded", succeeded));
        }
    }

    private async Task RunKindAsync(string passId, IGreenhouse source, ResourceKind kind)
    {
        while (true)
        {
            try
            {
                await FetchKindAsync(passId, source, kind);
                var pass = State.Current!;
                var removed = pass.Kinds[kind].Since is null
                    ? await readModel.MarkUnseenRemovedAsync(OrgId, kind, pass.StartedAt) // a full read of the kind
                    : 0;
                await RaiseAsync(new SyncKindCompleted(passId, kind, time.GetUtcNow(), removed));
                return;
            }
            catch (Exception ex) when (ex is not HarvestApiException { IsTransient: false })
            {
                var attempts = State.Current!.Kinds[kind].Attempts + 1;
                if (attempts >= options.KindAttempts)
                {
                    await RaiseAsync(new SyncKindFailed(passId, kind, time.GetUtcNow(), Describe(ex)));
                    return;
                }

                logger.LogInformation("Sync of {Kind} for {OrgId} will retry: {Error}", kind, OrgId, ex.Message);
                await RaiseAsync(new SyncKindRetrying(passId, kind, time.GetUtcNow(), Describe(ex)));
                await Task.Delay(options.RetryDelay * attempts, time);
            }
            catch (HarvestApiException ex)
            {
                await RaiseAsync(new SyncKindFailed(passId, kind, time.GetUtcNow(), Describe(ex)));
                return;
            }
        }
    }

    private async Task FetchKindAsync(string passId, IGreenhouse source, ResourceKind kind)
    {
        var progress = State.Current!.Kinds[kind];
        if (!progress.PagesDone.Contains(1))
        {
            var since = progress.Since;
            var first = await OffGrain(() => source.FirstPageAsync(kind, since, default));
            var total = first.Last is { } last ? LinkHeader.PageNumber(last) ?? 1 : first.Next is null ? 1 : (int?)null;
            await RaiseAsync(new SyncPagesPlanned(passId, kind, total, (first.Last ?? first.Next)?.ToString()));
            await RaiseAsync(new SyncPageCompleted(passId, kind, 1, first.Records.Count, first.Next?.ToString()));
        }

        progress = State.Current!.Kinds[kind];
        if (progress.TotalPages is { } totalPages && progress.PageUrlTemplate is { } template)
        {
            // Fan out: every remaining page at once, bounded, each still waiting for the org's rate budget.
            var remaining = Enumerable.Range(1, totalPages).Where(p => !progress.PagesDone.Contains(p)).ToList();
            await Parallel.ForEachAsync(remaining, new ParallelOptions { MaxDegreeOfParallelism = options.PageConcurrency, TaskScheduler = TaskScheduler.Current },
                async (page, _) =>
                {
                    var fetched = await OffGrain(() => source.PageAsync(kind, LinkHeader.WithPage(new Uri(template), page), default));
                    await RaiseAsync(new SyncPageCompleted(passId, kind, page, fetched.Records.Count, null));
                });
            return;
        }

        // No rel="last" (skip_count or cursor paging): follow next links one after another.
        while (State.Current!.Kinds[kind].NextUrl is { } next)
        {
            var pageNumber = State.Current.Kinds[kind].PagesDone.Max() + 1;
            var fetched = await OffGrain(() => source.PageAsync(kind, new Uri(next), default));
            await RaiseAsync(new SyncPageCompleted(passId, kind, pageNumber, fetched.Records.Count, fetched.Next?.ToString()));
        }

        // Fetches a page and writes it to the read model on the thread pool, so the grain stays responsive.
        async Task<SyncPage> OffGrain(Func<Task<SyncPage>> fetch) => await Task.Run(async () =>
        {
            var page = await fetch();
            await WriteAsync(page);
            return page;
        });
    }

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
                    await GrainFactory.GetGrain<IApplicationGrain>(IApplicationGrain.Key(OrgId, changed.Id)).OnGreenhouseChanged(changed);
                break;
        }

        SyncMetrics.PagesFetched.Add(1, new KeyValuePair<string, object?>("kind", page.Kind.ToString()));
        SyncMetrics.RecordsSynced.Add(page.Records.Count, new KeyValuePair<string, object?>("kind", page.Kind.ToString()));
    }

    private async Task RaiseAsync(SyncEvent e, string? actor = null)
    {
        await _raiseGate.WaitAsync();
        try
        {
            DelayDeactivation(TimeSpan.FromMinutes(5));
            await ExecuteAsync(_ => [e], actor);
        }
        finally
        {
            _raiseGate.Release();
        }
    }

    private async Task<GreenhouseAccess> Access() =>
        await GrainFactory.GetGrain<IOrgGrain>(OrgId).GetGreenhouseAccess()
        ?? throw new ResourceNotFoundException("Greenhouse is not connected for this org; connect it before syncing.");

    private static string Describe(Exception ex) => ex switch
    {
        HarvestApiException harvest => $"{harvest.Kind}: {harvest.Message}",
        _ => ex.Message,
    };

    private SyncStatus Status()
    {
        var pass = State.Current ?? State.Last;
        var state = State.Current is not null ? SyncStatus.Running : pass is null ? SyncStatus.Idle : pass.Succeeded ? SyncStatus.Succeeded : SyncStatus.Failed;
        var kinds = pass?.Kinds.OrderBy(k => k.Key).Select(k => new SyncKindStatus(
            k.Key.ToString(), k.Value.State, k.Value.PagesDone.Count, k.Value.TotalPages, k.Value.Records,
            pass.StartedAt, k.Value.FinishedAt, k.Value.LastError, State.Watermarks.TryGetValue(k.Key, out var w) ? w : null, k.Value.Since,
            k.Value.Attempts)).ToList() ?? [];
        return new SyncStatus(pass?.Id, pass?.Mode.ToString().ToLowerInvariant(), state, pass?.StartedAt, pass?.FinishedAt, pass?.By, kinds,
            State.LastSucceededAt, options.Interval.TotalMinutes);
    }
}
