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
    private DateTimeOffset _retryDue;

    /// <summary>
    /// Whether this schedule holds its outbox reminder, as far as this activation has seen (null: not known yet). Saves a
    /// reminder-table read each time the outbox empties. A tick makes it unknown again: it may come from a reminder another
    /// activation registered, or arrive late from one already removed.
    /// </summary>
    private bool? _holdsOutboxReminder;
    private OutboxPolicy? _outboxPolicy;

    private OutboxPolicy _policy => _outboxPolicy ??= new OutboxPolicy(options, Random.Shared);

    /// <summary>Writes this activation has run or armed; any other attempted write was attempted by an earlier activation.</summary>
    private readonly HashSet<string> _triedHere = [];
    private DateTimeOffset _activatedAt;

    private bool Inherited(MutationRecord write) => !_triedHere.Contains(write.Id) && !_armed.Contains(write.Id);

    private DateTimeOffset InheritedUntil => _activatedAt + options.GraceAfter(greenhouseOptions.CallTimeout);

    public async Task DriveOutbox()
    {
        KickOutbox();
        while (_outbox is { IsCompleted: false } running)
            await running;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == OutboxReminder)
            _holdsOutboxReminder = null;
        if (!State.Exists)
        {
            await UnregisterAsync(reminderName);
            return;
        }

        if (reminderName == OutboxReminder)
        {
            await ResumeAsync();
        }
        else if (reminderName == ReconcileReminder)
        {
            // A schedule's own reminder, from before reconciliation became the org's: hand over to the org.
            await UnregisterAsync(ReconcileReminder);
            await GrainFactory.Grain<Reconciliation.IOrgReconcilerGrain>(OrgId).Track();
        }
    }

    /// <summary>A command left work after its append: calendars not confirmed since the last change, or a write pending.</summary>
    private bool Unfinished => State.Exists && (!Current.CalendarsConfirmed || Current.Outbox.Any(m => m.IsPending));

    /// <summary>
    /// Finishes what a command left after its append (a crash, a grain on a silo that died): the calendars, then the
    /// outbox, which starts even when a calendar cannot be reached.
    /// </summary>
    private async Task ResumeAsync()
    {
        try
        {
            await EnsureCalendarsAsync();
        }
        finally
        {
            KickOutbox();
        }
    }

    /// <summary>
    /// Runs the steps after a stored change (calendars, tracking). If one fails (its grain was on a silo that just died),
    /// the change's writes still go out, and the command fails so that its repeat finishes the steps.
    /// </summary>
    private async Task FinishStoredAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            KickOutbox();
            throw;
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
            // A change (a new write, a retry) that arrives while the wake-up is being planned must not be planned away:
            // the planning awaits reminder calls, during which other calls of this grain run.
            do
            {
                _outboxAgain = false;
                await ProcessDueWritesAsync();
                if (_outboxAgain)
                    continue;
                await PlanNextWakeUpAsync();
            }
            while (_outboxAgain);
        }
        catch (Exception ex)
        {
            // The store or the cluster is struggling (right after a silo dies, the reminder service may be what fails):
            // a timer comes back to it while this activation lives, the reminder if it does not.
            logger.LogWarning(ex, "Outbox of schedule {ScheduleId} stopped; trying again in {Delay} s", ScheduleId, ResumeAfterFailure.TotalSeconds);
            if (_retryTimer is null || _retryDue <= Now + TimeSpan.FromMilliseconds(1))
                ArmRetryTimer(ResumeAfterFailure); // a wake-up already planned (before a reminder call failed) stands
            try
            {
                await HoldOutboxReminderAsync(onlyIfMissing: false);
            }
            catch (Exception reminderFailure)
            {
                logger.LogWarning(reminderFailure, "Outbox of schedule {ScheduleId}: its reminder could not be registered; the timer resumes it", ScheduleId);
            }
        }
    }

    /// <summary>How soon an outbox stopped by a failure (store, reminder service) tries again while its grain is active.</summary>
    private static readonly TimeSpan ResumeAfterFailure = TimeSpan.FromSeconds(5);

    private void ArmRetryTimer(TimeSpan due)
    {
        _retryTimer?.Dispose();
        _retryDue = Now + due;
        _retryTimer = this.RegisterGrainTimer(_ => { KickOutbox(); return Task.CompletedTask; },
            new GrainTimerCreationOptions { DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    private async Task ProcessDueWritesAsync()
    {
        while (OutboxPolicy.Due(Current, Now, Inherited, InheritedUntil) is { } next)
        {
            DelayDeactivation(TimeSpan.FromMinutes(2));
            _triedHere.Add(next.Id);
            var armed = _armed.Remove(next.Id);
            var attemptsBefore = next.Attempts - (armed ? 1 : 0);
            _try = (next.Id, armed, false);
            Outcome outcome;
            try
            {
                outcome = await RunAsync(next, armed);
            }
            finally
            {
                armed = armed && _try is { Attempted: false };
                _try = null;
            }

            List<ScheduleEvent> events = [];
            if (armed && outcome.Verdict != Verdict.Defer)
                events.Add(new MutationAttempted(next.Id, attemptsBefore, Now)); // armed, but it never got as far as sending
            events.AddRange(_policy.Record(Current.Mutation(next.Id), attemptsBefore, outcome, Current.Drift, Now));
            ScheduleMetrics.Writes.Add(1, new("kind", next.Kind.Wire()), new("outcome", outcome.Verdict.ToString().ToLowerInvariant()));
            if (outcome.Verdict is Verdict.Succeeded or Verdict.Failed or Verdict.Skipped)
            {
                Stage(events);
                continue;
            }

            await StoreUnstoredAsync(events);
            await WriteIndexAsync();
        }

        if (await StoreUnstoredAsync())
            await WriteIndexAsync();
    }

    private async Task PlanNextWakeUpAsync()
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        var next = Current.Outbox.FirstOrDefault(m => m.IsPending);
        if (next is null)
        {
            await UnregisterAsync(OutboxReminder);
            return;
        }

        // The timer makes short backoffs short while the grain is alive; the reminder survives a crash. The timer is set
        // first: the reminder service can fail (its part of the ring was on a silo that just died), and then the timer
        // is what brings the write back.
        ArmRetryTimer(OutboxPolicy.DueAt(next, Inherited(next), InheritedUntil) - Now);
        await HoldOutboxReminderAsync(onlyIfMissing: true);
    }

    /// <summary>Registers the outbox reminder; with <paramref name="onlyIfMissing"/>, only when this activation does not know it is held and the table lacks it.</summary>
    private async Task HoldOutboxReminderAsync(bool onlyIfMissing)
    {
        if (onlyIfMissing && _holdsOutboxReminder == true)
            return;
        _holdsOutboxReminder = null; // unknown until the reminder service answers
        if (!onlyIfMissing || await this.GetReminder(OutboxReminder) is null)
            await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _holdsOutboxReminder = true;
    }

    private async Task UnregisterAsync(string reminderName)
    {
        var outbox = reminderName == OutboxReminder;
        if (outbox && _holdsOutboxReminder == false)
            return;
        if (outbox)
            _holdsOutboxReminder = null;
        if (await this.GetReminder(reminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
        if (outbox)
            _holdsOutboxReminder = false;
    }

    private async Task<Outcome> RunAsync(MutationRecord mutation, bool armed)
    {
        try
        {
            return mutation.Kind switch
            {
                MutationKind.CreateInterview => await CreateInterviewAsync(mutation, armed),
                MutationKind.UpdateInterview => await UpdateInterviewAsync(mutation),
                MutationKind.DeleteInterview => await DeleteInterviewAsync(mutation),
                MutationKind.AddNote => await AddNoteAsync(mutation, armed),
                MutationKind.SendEmail => await SendEmailAsync(mutation),
                MutationKind.LogEmail => await LogEmailAsync(mutation, armed),
                _ => Outcome.Fail($"Unknown write kind {mutation.Kind}."),
            };
        }
        catch (Exception ex) when (OutboxPolicy.Classify(ex, mutation.Kind) is { } outcome)
        {
            return outcome;
        }
    }
}
