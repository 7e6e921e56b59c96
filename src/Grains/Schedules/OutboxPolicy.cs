using GemScheduling.Emails;
using GemScheduling.Greenhouse;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

/// <summary>How one try of a write ended: the first three are final; a retry counts as a try, a deferral does not.</summary>
internal enum Verdict { Succeeded, Failed, Skipped, Retry, Defer }

internal sealed record Outcome(
    Verdict Verdict, long? GreenhouseId = null, string? Message = null, (string Interview, DriftKind Kind, string Detail)? Drift = null, TimeSpan Wait = default,
    SkipReason Why = SkipReason.NotNeeded)
{
    public static Outcome Done(long? id = null, string? detail = null) => new(Verdict.Succeeded, id, detail);
    public static Outcome Retry(string error) => new(Verdict.Retry, Message: error);
    public static Outcome Fail(string error) => new(Verdict.Failed, Message: error);
    public static Outcome Skip(string reason, SkipReason why = SkipReason.NotNeeded) => new(Verdict.Skipped, Message: reason, Why: why);
    public static Outcome Defer(TimeSpan wait) => new(Verdict.Defer, Wait: wait);
}

/// <summary>
/// The outbox's rules, free of the grain: which write is next, what a failure means, what is recorded for an outcome,
/// and how long to wait before the next try. The grain only runs writes and stores what these rules decide.
/// </summary>
internal sealed class OutboxPolicy(ScheduleOptions options, Random random)
{
    /// <summary>
    /// Writes run strictly in the order they were requested: the first pending one, and only once it is due. A write
    /// <paramref name="inherited"/> from another activation that may have sent it (attempted, no outcome) is due no
    /// sooner than <paramref name="inheritedUntil"/>, when no send of that activation can still be in flight.
    /// </summary>
    public static MutationRecord? Due(ScheduleState state, DateTimeOffset now, Func<MutationRecord, bool>? inherited = null, DateTimeOffset inheritedUntil = default) =>
        state.Outbox.FirstOrDefault(m => m.IsPending) is { } next && DueAt(next, inherited?.Invoke(next) ?? false, inheritedUntil) <= now ? next : null;

    public static DateTimeOffset DueAt(MutationRecord write, bool inherited, DateTimeOffset inheritedUntil) =>
        inherited && write.Attempts > 0 && inheritedUntil > write.NextAttemptAt ? inheritedUntil : write.NextAttemptAt;

    /// <summary>What an exception from a write means for it.</summary>
    public static Outcome? Classify(Exception exception, MutationKind kind) => exception switch
    {
        // Refused by our own budget before sending: a POST is only ever resent after a 429 (Greenhouse did not act), so
        // nothing of this write has landed, and the attempt recorded for it does not count.
        GreenhouseException { Kind: GreenhouseFailure.OverBudget } budget =>
            Outcome.Defer(budget.RetryAfter is { } wait && wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1)),
        GreenhouseException greenhouse => greenhouse.IsTransient ? Outcome.Retry(greenhouse.Describe()) : Outcome.Fail(greenhouse.Describe()),
        GreenhousePermissionMissingException missing => Outcome.Skip(missing.Message, SkipReason.MissingPermission),
        ResourceNotFoundException gone => Outcome.Retry(gone.Message), // e.g. Greenhouse disconnected for a moment during a key rotation
        EventStoreUnavailableException or ServiceUnavailableException or TimeoutException or OrleansException or IOException => Outcome.Retry(exception.Message),
        // SMTP and the sent-email log fail in their own ways: counted as tries like any other write, never retried for ever.
        _ when kind == MutationKind.SendEmail => EmailFailures.IsTransient(exception)
            ? Outcome.Retry($"Sending failed: {exception.Message}")
            : Outcome.Fail($"Sending failed for good: {exception.Message}"),
        _ => null,
    };

    /// <summary>The events that record <paramref name="outcome"/> for <paramref name="write"/>, tried with <paramref name="attemptsBefore"/> attempts.</summary>
    public List<ScheduleEvent> Record(MutationRecord write, int attemptsBefore, Outcome outcome, IReadOnlyCollection<DriftRecord> drift, DateTimeOffset at)
    {
        ScheduleEvent recorded = outcome.Verdict switch
        {
            Verdict.Defer => new MutationDeferred(write.Id, attemptsBefore, at + outcome.Wait, at),
            Verdict.Succeeded => new MutationSucceeded(write.Id, outcome.GreenhouseId, outcome.Message, at),
            Verdict.Failed => new MutationFailed(write.Id, outcome.Message!, at),
            Verdict.Skipped => new MutationSkipped(write.Id, outcome.Message!, at, outcome.Why),
            _ when write.Tries + 1 >= options.MaxTries => new MutationFailed(write.Id, $"Gave up after {write.Tries + 1} tries: {outcome.Message}", at),
            _ => new MutationRetryScheduled(write.Id, outcome.Message!, at + Backoff(write.Tries + 1), at),
        };
        List<ScheduleEvent> events = [recorded];
        if (outcome.Drift is { } found && drift.All(d => d.Fingerprint != $"{found.Kind.Wire()}:{found.Interview}"))
            events.Add(new DriftDetected(found.Interview, found.Kind, found.Detail, $"{found.Kind.Wire()}:{found.Interview}", at));
        return events;
    }

    /// <summary>Exponential from the base, capped, with ±20 % jitter so writes that failed together do not retry together.</summary>
    public TimeSpan Backoff(int tries)
    {
        var exponential = options.BaseBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(tries - 1, 20));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + random.NextDouble() * 0.4));
    }
}
