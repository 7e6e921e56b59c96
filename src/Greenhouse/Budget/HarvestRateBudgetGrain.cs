using GemScheduling.Budget;
using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;

namespace GemScheduling.Greenhouse.Budget;

/// <summary>
/// Holds one org's <see cref="RateBudgetLedger"/>. One activation per org (and Harvest version: v3 has its own window and limit) in the whole cluster makes the budget global;
/// the ledger is soft state (a new activation starts from the default limit and relearns it from the next response).
/// </summary>
public sealed class HarvestRateBudgetGrain(TimeProvider time, RateBudgetOptions options) : Grain, IHarvestRateBudgetGrain
{
    private RateBudgetLedger? _ledgerOfThisKey;

    private RateBudgetLedger _ledger => _ledgerOfThisKey ??= new RateBudgetLedger(options.ForBudgetKey(this.GetPrimaryKeyString()));

    public Task<BudgetReservation> Reserve(BudgetLane lane)
    {
        var decision = _ledger.Reserve((HarvestLane)lane, time.GetUtcNow());
        return Task.FromResult(new BudgetReservation(decision.Granted, decision.Delay));
    }

    public Task Observe(BudgetObservation observation)
    {
        _ledger.Observe(new RateLimitObservation(observation.At, observation.Limit, observation.Remaining, observation.Throttled, observation.RetryAfter));
        return Task.CompletedTask;
    }

    public Task<BudgetStatus> GetStatus()
    {
        var s = _ledger.Snapshot(time.GetUtcNow());
        return Task.FromResult(new BudgetStatus(
            s.Limit, s.Window.TotalSeconds, s.UsedInWindow,
            new Dictionary<string, int> { ["write"] = s.WritesReservedAhead, ["interactive"] = s.InteractiveReservedAhead, ["background"] = s.BackgroundReservedAhead },
            new Dictionary<string, long> { ["write"] = s.WritesGranted, ["interactive"] = s.InteractiveGranted, ["background"] = s.BackgroundGranted },
            new Dictionary<string, long> { ["write"] = s.WritesDeferred, ["interactive"] = s.InteractiveDeferred, ["background"] = s.BackgroundDeferred },
            s.TooManyRequestsSeen, s.LastRemaining, s.PausedUntil));
    }
}
