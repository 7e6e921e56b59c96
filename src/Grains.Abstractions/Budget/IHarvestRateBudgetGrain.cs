using Orleans.Concurrency;

namespace GemScheduling.Budget;

/// <summary>
/// The one place in the cluster that decides when each of an org's Harvest calls may go. It never waits: it answers
/// with a delay and callers wait on their own time. Keyed by org id.
/// </summary>
[Alias("gs.harvest-rate-budget")]
public interface IHarvestRateBudgetGrain : IGrainWithStringKey
{
    [Alias("reserve")]
    Task<BudgetReservation> Reserve(BudgetLane lane);

    /// <summary>A slot no further ahead than <paramref name="within"/> (how long the caller will wait), else when to ask again.</summary>
    [Alias("reserve-within")]
    Task<BudgetReservation> ReserveWithin(BudgetLane lane, TimeSpan? within);

    /// <summary>
    /// Before a slot granted ahead (a delay) is used: still good if this activation granted it and no 429 has paused the
    /// budget since; otherwise not granted, with when to ask again (the pause's end), or a new grant from this activation
    /// when the one that granted it is gone.
    /// </summary>
    [Alias("confirm")]
    Task<BudgetReservation> Confirm(BudgetLane lane, Guid grantedBy, TimeSpan? within = null);

    [OneWay, Alias("observe")]
    Task Observe(BudgetObservation observation);

    /// <summary>A 429's pause, acknowledged: the caller sends nothing more until it is recorded (a lost one-way message would let the next request go early).</summary>
    [Alias("observe-throttled")]
    Task ObserveThrottled(BudgetObservation observation);

    [Alias("status")]
    Task<BudgetStatus> GetStatus();
}

[GenerateSerializer, Alias("gs.budget-lane")]
public enum BudgetLane
{
    Write = 0,
    Interactive = 1,
    Background = 2,
}

[GenerateSerializer, Immutable, Alias("gs.budget-reservation")]
public readonly record struct BudgetReservation([property: Id(0)] bool Granted, [property: Id(1)] TimeSpan Delay, [property: Id(2)] Guid GrantedBy = default);

[GenerateSerializer, Immutable, Alias("gs.budget-observation")]
public sealed record BudgetObservation(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? Limit,
    [property: Id(2)] int? Remaining,
    [property: Id(3)] bool Throttled,
    [property: Id(4)] TimeSpan? RetryAfter);

/// <summary>The org's rate budget as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("gs.budget-status")]
public sealed record BudgetStatus(
    [property: Id(0)] int Limit,
    [property: Id(1)] double WindowSeconds,
    [property: Id(2)] int UsedInWindow,
    [property: Id(3)] IReadOnlyDictionary<string, int> ReservedAheadByLane,
    [property: Id(4)] IReadOnlyDictionary<string, long> GrantedByLane,
    [property: Id(5)] IReadOnlyDictionary<string, long> DeferredByLane,
    [property: Id(6)] long TooManyRequestsSeen,
    [property: Id(7)] int? LastRemaining,
    [property: Id(8)] DateTimeOffset? PausedUntil);
