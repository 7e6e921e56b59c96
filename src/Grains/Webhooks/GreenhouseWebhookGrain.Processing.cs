using GemScheduling.Applications;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Schedules;
using GemScheduling.Schedules.Reconciliation;
using GemScheduling.Webhooks.Events;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Webhooks;

/// <summary>
/// Processing after the acknowledgement, a batch at a time: the batch's candidates are read once (with all their
/// applications), its jobs once each, and the schedules holding deleted interviews compare with Greenhouse. Whatever
/// Greenhouse no longer has is marked removed. A failure keeps the batch pending and retries it with backoff; a
/// reminder is held only while deliveries wait, so a crash resumes them.
/// </summary>
public sealed partial class GreenhouseWebhookGrain
{
    private const string Reminder = "webhook-deliveries";
    private Task? _processing;
    private bool _reminderHeld;
    private IGrainTimer? _wake;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Pending.Count > 0)
        {
            await StartProcessingAsync();
            return;
        }

        // Nothing waits (a crash may have come between the last batch and letting the reminder go): let it go now.
        if (await this.GetReminder(Reminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        _reminderHeld = false;
    }

    private Task StartProcessingAsync()
    {
        if (_processing is not { IsCompleted: false })
            _processing = ProcessPendingAsync();
        return Task.CompletedTask;
    }

    /// <summary>One timer, moved each time: a backoff asked for by every delivery and tick must not pile timers up.</summary>
    private void WakeAfter(TimeSpan delay)
    {
        var due = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        if (_wake is null)
            _wake = this.RegisterGrainTimer(_ => StartProcessingAsync(), new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
        else
            _wake.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task ProcessPendingAsync()
    {
        try
        {
            // Deliveries recorded while the reminder is being let go would otherwise find this run still going and wait
            // for nothing: after letting it go, look again.
            do
            {
                await HoldReminderAsync(true);
                if (!await ProcessBatchesAsync())
                    return;
                await HoldReminderAsync(false);
            }
            while (State.Pending.Count > 0);
        }
        catch (Exception ex)
        {
            // The deliveries stay recorded; the reminder (or the next delivery) picks them up again.
            logger.LogWarning(ex, "Webhook processing of {OrgId} stopped", OrgId);
        }
    }

    /// <summary>False when it stopped to wait out a backoff (a timer wakes it).</summary>
    private async Task<bool> ProcessBatchesAsync()
    {
        while (State.Pending.Count > 0)
        {
            DelayDeactivation(TimeSpan.FromMinutes(5));
            var now = time.GetUtcNow();
            if (State.RetryAt is { } retryAt && retryAt > now)
            {
                WakeAfter(retryAt - now);
                return false;
            }

            if (State.Pending.Count < options.BatchSize && State.FailuresInARow == 0)
                await Task.Delay(options.Linger, time); // deliveries come in bursts: let the burst gather into one batch
            var batch = State.Pending.Take(options.BatchSize).ToList();
            var ids = batch.Select(p => p.EventId).ToList();
            try
            {
                var grains = GrainFactory; // activation services are read here, on the activation, not on the thread pool
                await Task.Run(() => ApplyAsync(grains, batch));
                var done = time.GetUtcNow();
                var lag = batch.Max(p => (done - EventTime(p)).TotalSeconds);
                await RaiseAsync(new WebhooksProcessed(ids, done, Math.Round(lag, 3)));
                WebhookMetrics.Processed.Add(batch.Count);
                WebhookMetrics.LagSeconds.Record(lag);
            }
            catch (Exception ex)
            {
                var failed = time.GetUtcNow();
                var pause = TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks, options.RetryDelay.Ticks << Math.Min(State.FailuresInARow, 20)));
                logger.LogWarning("Processing {Count} webhook deliveries of {OrgId} failed; retrying in {Pause}: {Error}", batch.Count, OrgId, pause, Describe(ex));
                await RaiseAsync(new WebhookProcessingFailed(ids, failed, Describe(ex), failed + pause));
            }
        }

        return true;
    }

    /// <summary>When the change happened: the payload's own time when it is plausible, otherwise when it arrived.</summary>
    private static DateTimeOffset EventTime(PendingDelivery delivery) =>
        delivery.Change.ChangedAt is { } at && at <= delivery.ReceivedAt && at > delivery.ReceivedAt - TimeSpan.FromDays(1) ? at : delivery.ReceivedAt;

    private async Task HoldReminderAsync(bool hold)
    {
        if (hold == _reminderHeld)
            return;
        if (hold)
            await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        else if (await this.GetReminder(Reminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        _reminderHeld = hold;
    }

    private async Task ApplyAsync(IGrainFactory grains, IReadOnlyList<PendingDelivery> batch)
    {
        var access = await grains.Grain<IOrgGrain>(OrgId).GetGreenhouseAccess()
                     ?? throw new InvalidOperationException("Greenhouse is not connected for this org; deliveries wait until it is.");
        var client = greenhouses.For(access, GreenhouseLane.Background);
        var candidates = batch.SelectMany(p => p.Change.CandidateIds).Distinct().ToList();
        if (candidates.Count > 0)
            await RefreshCandidatesAsync(grains, client, candidates, batch.SelectMany(p => p.Change.RemovedApplicationIds).ToHashSet());
        foreach (var jobId in batch.SelectMany(p => p.Change.JobIds).Distinct())
            await RefreshJobAsync(client, jobId);
        var interviews = batch.SelectMany(p => p.Change.InterviewIds).Distinct().ToList();
        if (interviews.Count > 0)
            await CompareDeletedInterviewsAsync(grains, client, interviews);
    }

    private async Task RefreshCandidatesAsync(IGrainFactory grains, IGreenhouse client, IReadOnlyList<long> candidateIds, HashSet<long> removedApplications)
    {
        var now = time.GetUtcNow();
        var found = await client.CandidatesAsync(candidateIds, default);
        await readModel.UpsertAsync(OrgId, found.Candidates, now);
        foreach (var changed in await readModel.UpsertApplicationsAsync(OrgId, found.Applications, now))
            await grains.Grain<IApplicationGrain>(IApplicationGrain.Key(OrgId, changed.Id)).OnGreenhouseChanged(changed);

        // Whatever these candidates had here that Greenhouse no longer lists for them is gone (deleted, or merged away).
        foreach (var candidateId in candidateIds)
            removedApplications.UnionWith((await readModel.ListAsync<Application>(OrgId, new ReadQuery { CandidateId = candidateId, Limit = 500 })).Items.Select(a => a.Id));
        removedApplications.ExceptWith(found.Applications.Select(a => a.Id));
        var present = found.Candidates.Select(c => c.Id).ToHashSet();
        await readModel.MarkRemovedAsync(OrgId, ResourceKind.Candidates, candidateIds.Where(id => !present.Contains(id)).ToList(), now);
        await readModel.MarkRemovedAsync(OrgId, ResourceKind.Applications, removedApplications, now);
    }

    private async Task RefreshJobAsync(IGreenhouse client, long jobId)
    {
        var now = time.GetUtcNow();
        try
        {
            var (job, post, stages) = await client.JobAsync(jobId, default);
            await readModel.UpsertAsync(OrgId, [job], now);
            if (post is not null)
                await readModel.UpsertAsync(OrgId, [post], now);
            await readModel.UpsertAsync(OrgId, stages, now);
            var kept = stages.Select(s => s.Id).ToHashSet();
            var stale = (await readModel.ListAsync<JobStage>(OrgId, new ReadQuery { JobId = jobId, Limit = 500 })).Items.Select(s => s.Id).Where(id => !kept.Contains(id)).ToList();
            await readModel.MarkRemovedAsync(OrgId, ResourceKind.JobStages, stale, now);
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.NotFound)
        {
            await readModel.MarkRemovedAsync(OrgId, ResourceKind.Jobs, [jobId], now);
        }
    }

    /// <summary>An interview_deleted names only the Greenhouse interview: its schedule compares with Greenhouse as reconciliation would.</summary>
    private async Task CompareDeletedInterviewsAsync(IGrainFactory grains, IGreenhouse client, IReadOnlyList<long> interviewIds)
    {
        var read = new Dictionary<long, IReadOnlyList<GreenhouseInterview>>();
        foreach (var interviewId in interviewIds)
        {
            foreach (var schedule in await index.FindByGreenhouseInterviewAsync(OrgId, interviewId))
            {
                if (!read.TryGetValue(schedule.ApplicationId, out var inGreenhouse))
                    read[schedule.ApplicationId] = inGreenhouse = await InterviewsOrNoneAsync(client, schedule.ApplicationId);
                await grains.Grain<IScheduleReconciliation>(IScheduleGrain.Key(OrgId, schedule.ScheduleId)).ReconcileWith(inGreenhouse, "greenhouse webhook");
            }
        }
    }

    /// <summary>An application Greenhouse no longer has holds no interviews: its schedules' interviews are gone (drift), not a failure to retry.</summary>
    private static async Task<IReadOnlyList<GreenhouseInterview>> InterviewsOrNoneAsync(IGreenhouse client, long applicationId)
    {
        try
        {
            return await client.InterviewsAsync(applicationId, null, default);
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.NotFound)
        {
            return [];
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        GreenhouseException greenhouse => greenhouse.Describe(),
        _ => ex.Message,
    };
}
