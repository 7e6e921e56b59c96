using GemScheduling.Applications;
using GemScheduling.Emails;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Schedules.Events;
using Microsoft.Extensions.Logging;

namespace GemScheduling.Schedules;

/// <summary>
/// The outbox: pending writes run in the order they were requested, one at a time. Each ends succeeded, failed for a
/// permanent reason (never retried), skipped on purpose, or is retried later with backoff — by a timer while the grain
/// is active and by a reminder after a crash. A write the org's rate budget cannot admit yet is not sent and not
/// counted as a try: it waits, by the same timer and reminder, for when the budget will admit it.
/// </summary>
public sealed partial class ScheduleGrain
{
    private const string OutboxReminder = "outbox";
    private const string ReconcileReminder = "reconcile";

    private Task? _outbox;
    private bool _outboxAgain;
    private IGrainTimer? _retryTimer;

    /// <summary>How one try of a write ended: the first three are final; a retry counts as a try, a deferral does not.</summary>
    private enum Verdict { Succeeded, Failed, Skipped, Retry, Defer }

    private sealed record Outcome(
        Verdict Verdict, long? GreenhouseId = null, string? Message = null, (string Interview, string Kind, string Detail)? Drift = null, TimeSpan Wait = default)
    {
        public static Outcome Done(long? id = null, string? detail = null) => new(Verdict.Succeeded, id, detail);
        public static Outcome Retry(string error) => new(Verdict.Retry, Message: error);
        public static Outcome Fail(string error) => new(Verdict.Failed, Message: error);
        public static Outcome Skip(string reason) => new(Verdict.Skipped, Message: reason);
        public static Outcome Defer(TimeSpan wait) => new(Verdict.Defer, Wait: wait);
    }

    public async Task DriveOutbox()
    {
        KickOutbox();
        while (_outbox is { IsCompleted: false } running)
            await running;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!State.Exists)
        {
            await UnregisterAsync(reminderName);
            return;
        }

        if (reminderName == OutboxReminder)
        {
            await EnsureCalendarsAsync();
            KickOutbox();
        }
        else if (reminderName == ReconcileReminder)
        {
            if (State.Status != ScheduleView.Active || State.Current.All(i => i.Plan.End < Now))
                await UnregisterAsync(ReconcileReminder);
            else
                await ReconcileAsync("reconciliation schedule", GreenhouseLane.Background);
        }
    }

    private void KickOutbox()
    {
        if (_outbox is { IsCompleted: false })
        {
            _outboxAgain = true;
            return;
        }

        _outbox = RunOutboxAsync();
    }

    private async Task RunOutboxAsync()
    {
        try
        {
            do
            {
                _outboxAgain = false;
                await ProcessDueWritesAsync();
            }
            while (_outboxAgain);
            await PlanNextWakeUpAsync();
        }
        catch (Exception ex)
        {
            // The store or the cluster is struggling; the reminder comes back to it.
            logger.LogWarning(ex, "Outbox of schedule {ScheduleId} stopped; the reminder will resume it", ScheduleId);
            await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
    }

    private async Task ProcessDueWritesAsync()
    {
        while (State.Outbox.FirstOrDefault(m => m.IsPending) is { } next && next.NextAttemptAt <= Now)
        {
            DelayDeactivation(TimeSpan.FromMinutes(2));
            var attemptsBefore = next.Attempts;
            var outcome = await RunAsync(next);
            var at = Now;
            ScheduleEvent recorded = outcome.Verdict switch
            {
                Verdict.Defer => new MutationDeferred(next.Id, attemptsBefore, at + outcome.Wait, at),
                Verdict.Succeeded => new MutationSucceeded(next.Id, outcome.GreenhouseId, outcome.Message, at),
                Verdict.Failed => new MutationFailed(next.Id, outcome.Message!, at),
                Verdict.Skipped => new MutationSkipped(next.Id, outcome.Message!, at),
                _ when next.Tries + 1 >= options.MaxTries => new MutationFailed(next.Id, $"Gave up after {next.Tries + 1} tries: {outcome.Message}", at),
                _ => new MutationRetryScheduled(next.Id, outcome.Message!, at + Backoff(next.Tries + 1), at),
            };
            List<ScheduleEvent> events = [recorded];
            if (outcome.Drift is { } drift && !State.Drift.Any(d => d.Fingerprint == $"{drift.Kind}:{drift.Interview}"))
                events.Add(new DriftDetected(drift.Interview, drift.Kind, drift.Detail, $"{drift.Kind}:{drift.Interview}", at));
            await ExecuteAsync(s => s.Mutation(next.Id).IsPending ? events : []);
            ScheduleMetrics.Writes.Add(1, new("kind", next.Kind), new("outcome", outcome.Verdict.ToString().ToLowerInvariant()));
            await WriteIndexAsync();
        }
    }

    private async Task PlanNextWakeUpAsync()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        var next = State.Outbox.FirstOrDefault(m => m.IsPending);
        if (next is null)
        {
            await UnregisterAsync(OutboxReminder);
            return;
        }

        // The reminder survives a crash; the timer makes short backoffs short while the grain is alive.
        if (await this.GetReminder(OutboxReminder) is null)
            await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        var due = next.NextAttemptAt - Now;
        _retryTimer = this.RegisterGrainTimer(_ => { KickOutbox(); return Task.CompletedTask; },
            new GrainTimerCreationOptions { DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    private async Task UnregisterAsync(string reminderName)
    {
        if (await this.GetReminder(reminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private TimeSpan Backoff(int tries)
    {
        var exponential = options.BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(tries - 1, 20));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private async Task<Outcome> RunAsync(MutationRecord mutation)
    {
        try
        {
            return mutation.Kind switch
            {
                MutationKinds.CreateInterview => await CreateInterviewAsync(mutation),
                MutationKinds.UpdateInterview => await UpdateInterviewAsync(mutation),
                MutationKinds.DeleteInterview => await DeleteInterviewAsync(mutation),
                MutationKinds.AddNote => await AddNoteAsync(mutation),
                MutationKinds.SendEmail => await SendEmailAsync(mutation),
                MutationKinds.LogEmail => await LogEmailAsync(mutation),
                _ => Outcome.Fail($"Unknown write kind {mutation.Kind}."),
            };
        }
        catch (GreenhouseException ex) when (ex.Kind == GreenhouseFailure.OverBudget)
        {
            // Refused by our own budget before sending. A POST is only ever resent after a 429 (Greenhouse did not act),
            // so nothing of this write has landed, and the attempt recorded for it does not count.
            return Outcome.Defer(ex.RetryAfter is { } wait && wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1));
        }
        catch (GreenhouseException ex)
        {
            return ex.IsTransient ? Outcome.Retry(ex.Describe()) : Outcome.Fail(ex.Describe());
        }
        catch (GreenhousePermissionMissingException ex)
        {
            return Outcome.Skip(ex.Message);
        }
        catch (ResourceNotFoundException ex)
        {
            return Outcome.Retry(ex.Message); // e.g. Greenhouse disconnected for a moment during a key rotation
        }
        catch (Exception ex) when (ex is EventStoreUnavailableException or ServiceUnavailableException or TimeoutException or OrleansException or IOException)
        {
            return Outcome.Retry(ex.Message);
        }
        catch (Exception ex) when (mutation.Kind == MutationKinds.SendEmail)
        {
            // SMTP and the sent-email log fail in their own ways: counted as tries like any other write, never retried for ever.
            return EmailFailures.IsTransient(ex) ? Outcome.Retry($"Sending failed: {ex.Message}") : Outcome.Fail($"Sending failed for good: {ex.Message}");
        }
    }
}
