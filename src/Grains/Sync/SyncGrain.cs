using GemScheduling.EventSourcing;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Sync.Events;
using GemScheduling.Webhooks;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace GemScheduling.Sync;

[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed partial class SyncGrain(
    IGreenhouseFactory greenhouses, IGreenhouseReadModel readModel, SyncOptions options, WebhookOptions webhookOptions, TimeProvider time, ILogger<SyncGrain> logger)
    : EventSourcedGrain<SyncState, SyncEvent>, ISyncGrain, IRemindable
{
    private const string ReminderName = "sync";
    private static readonly ResourceKind[] AllKinds = Enum.GetValues<ResourceKind>();

    private readonly SemaphoreSlim _raiseGate = new(1, 1);
    private readonly CancellationTokenSource _deactivating = new();
    private Task? _running;
    private (WebhookHealth Health, double? LagSeconds) _webhooks = (WebhookHealth.NotConfigured, null);

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

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        return Task.CompletedTask;
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
        Job job;
        JobPost? post;
        IReadOnlyList<JobStage> stages;
        try
        {
            (job, post, stages) = await greenhouses.For(access, GreenhouseLane.Interactive).JobAsync(jobId, default);
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.NotFound)
        {
            throw new ResourceNotFoundException($"Greenhouse has no job {jobId} this connection can see.");
        }

        var now = time.GetUtcNow();
        await readModel.UpsertAsync(OrgId, [job], now);
        if (post is not null)
            await readModel.UpsertAsync(OrgId, [post], now);
        await readModel.UpsertAsync(OrgId, stages, now);
        return new JobSyncResult(job.Id, job.Name, job.Status, post?.Title, stages.Count, stages.Where(s => s.Active).Sum(s => s.InterviewSteps.Count(i => i.Schedulable)));
    }

    public async Task<SyncStatus> GetStatus()
    {
        await CheckWebhooksAsync();
        return Status();
    }

    public async Task EnsureScheduled()
    {
        if (await this.GetReminder(ReminderName) is null)
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Current is not null)
        {
            EnsureRunning();
            return;
        }

        // Polling's normal pace first; only when that is due does the webhook's health (which may stretch it) matter.
        if (State.Last is { } last && State.FailedPassesInARow == 0 && time.GetUtcNow() < last.StartedAt + options.Interval)
            return;
        if (State.LastSucceededAt is not null)
            await CheckWebhooksAsync();
        if (NextPassAt() is { } due && time.GetUtcNow() < due)
            return; // webhooks carry the changes meanwhile; the poll is the safety net
        await Start(State.LastSucceededAt is null ? SyncMode.Full : SyncMode.Incremental, "schedule");
    }

    /// <summary>Asks the org's webhook how it is doing (a verified delivery lately, no failure since); polling paces itself by it.</summary>
    private async Task<WebhookHealth> CheckWebhooksAsync()
    {
        try
        {
            _webhooks = await GrainFactory.Grain<IGreenhouseWebhookGrain>(OrgId).Get() is { } hook ? (hook.Health, hook.LastLagSeconds) : (WebhookHealth.NotConfigured, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation("Webhook status of {OrgId} unavailable, polling at its normal pace: {Error}", OrgId, ex.Message);
            _webhooks = (WebhookHealth.NotConfigured, null);
        }

        return _webhooks.Health;
    }

    /// <summary>The incremental poll's interval now: stretched while webhooks are healthy.</summary>
    private TimeSpan Interval => _webhooks.Health == WebhookHealth.Healthy ? Max(options.Interval, webhookOptions.PollIntervalWhenHealthy) : options.Interval;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    protected override void TransitionState(SyncState state, SyncEvent @event) => state.Apply(@event);

    /// <summary>
    /// When the reminder starts the next pass: an interval after the last one started, or, after failures in a row,
    /// an exponentially growing pause after the last one ended (so a broken Greenhouse is not hammered every minute).
    /// </summary>
    private DateTimeOffset? NextPassAt()
    {
        if (State.Last is not { } last)
            return null;
        if (State.FailedPassesInARow == 0)
            return last.StartedAt + Interval;
        var factor = Math.Pow(2, Math.Min(State.FailedPassesInARow - 1, 20));
        var pause = TimeSpan.FromTicks((long)Math.Min(options.Interval.Ticks * factor, options.MaxFailureBackoff.Ticks));
        return (last.FinishedAt ?? last.StartedAt) + pause;
    }

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
        // A pass is bounded in time, and stops with the activation: the next one resumes from its events.
        var deadline = State.Current!.StartedAt + options.MaxPassDuration - time.GetUtcNow();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_deactivating.Token);
        bounded.CancelAfter(deadline > TimeSpan.Zero ? deadline : TimeSpan.Zero);
        try
        {
            var access = await Access();
            var source = greenhouses.For(access, GreenhouseLane.Background);
            var kinds = State.Current!.Kinds.Where(k => !k.Value.IsFinished).Select(k => k.Key).ToList();
            await Task.WhenAll(kinds.Select(kind => RunKindAsync(passId, source, kind, bounded.Token)));
        }
        catch (OperationCanceledException) when (_deactivating.IsCancellationRequested)
        {
            return; // resumed on the next activation
        }
        catch (Exception ex)
        {
            logger.LogWarning("Sync pass {PassId} of {OrgId} could not run: {Error}", passId, OrgId, Describe(ex));
            foreach (var kind in State.Current?.Kinds.Where(k => !k.Value.IsFinished).Select(k => k.Key).ToList() ?? [])
                await RaiseAsync(new SyncKindFailed(passId, kind, time.GetUtcNow(), Describe(ex)));
        }

        if (State.Current?.Id == passId && !_deactivating.IsCancellationRequested)
        {
            var succeeded = State.Current.Kinds.Values.All(k => k.State == SyncStatus.Succeeded);
            await RaiseAsync(new SyncPassFinished(passId, time.GetUtcNow(), succeeded));
            SyncMetrics.PassesFinished.Add(1, new KeyValuePair<string, object?>("succeeded", succeeded));
        }
    }

    private async Task RunKindAsync(string passId, IGreenhouse source, ResourceKind kind, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await FetchKindAsync(passId, source, kind, cancellationToken);
                var pass = State.Current!;
                var removed = pass.Kinds[kind].Since is null
                    ? await readModel.MarkUnseenRemovedAsync(OrgId, kind, pass.StartedAt) // a full read of the kind
                    : 0;
                await RaiseAsync(new SyncKindCompleted(passId, kind, time.GetUtcNow(), removed));
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_deactivating.IsCancellationRequested)
            {
                await RaiseAsync(new SyncKindFailed(passId, kind, time.GetUtcNow(), $"The pass ran out of its {options.MaxPassDuration.TotalHours:0.#} h; the next one picks up."));
                return;
            }
            catch (Exception ex) when (ex is not (GreenhouseException { IsTransient: false } or GreenhouseException { Kind: GreenhouseFailure.InvalidResponse }
                                                 or OperationCanceledException))
            {
                var attempts = State.Current!.Kinds[kind].Attempts + 1;
                if (attempts >= options.KindAttempts)
                {
                    await RaiseAsync(new SyncKindFailed(passId, kind, time.GetUtcNow(), Describe(ex)));
                    return;
                }

                logger.LogInformation("Sync of {Kind} for {OrgId} will retry: {Error}", kind, OrgId, Describe(ex));
                await RaiseAsync(new SyncKindRetrying(passId, kind, time.GetUtcNow(), Describe(ex)));
                await Task.Delay(options.RetryDelay * attempts, time, cancellationToken);
            }
            catch (GreenhouseException ex)
            {
                // Refused for good, or an answer not to be believed (retrying within the pass would read the same lie).
                await RaiseAsync(new SyncKindFailed(passId, kind, time.GetUtcNow(), Describe(ex)));
                return;
            }
        }
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
        await GrainFactory.Grain<IOrgGrain>(OrgId).GetGreenhouseAccess()
        ?? throw new ResourceNotFoundException("Greenhouse is not connected for this org; connect it before syncing.");

    private static string Describe(Exception ex) => ex switch
    {
        GreenhouseException greenhouse => greenhouse.Describe(),
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
            State.LastSucceededAt, Interval.TotalMinutes, State.FailedPassesInARow, State.Current is null ? NextPassAt() : null,
            _webhooks.Health, _webhooks.LagSeconds);
    }
}
