using GemScheduling.Budget;
using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;

namespace GemScheduling.Greenhouse.Budget;

/// <summary>The Harvest client's rate gate in the service: every silo asks the org's single budget grain.</summary>
public sealed class GrainHarvestRateGate(IGrainFactory grains, TimeProvider time) : IHarvestRateGate
{
    public Task WaitForTurnAsync(string budgetKey, HarvestLane lane, TimeSpan? maxWait, CancellationToken cancellationToken)
    {
        var budget = grains.GetGrain<IHarvestRateBudgetGrain>(budgetKey);
        return RateGate.WaitAsync(async l =>
        {
            var reservation = await budget.Reserve((BudgetLane)l);
            return new ReservationDecision(reservation.Granted, reservation.Delay);
        }, lane, time, maxWait, cancellationToken);
    }

    public void Observe(string budgetKey, RateLimitObservation observation) =>
        _ = grains.GetGrain<IHarvestRateBudgetGrain>(budgetKey)
            .Observe(new BudgetObservation(observation.At, observation.Limit, observation.Remaining, observation.Throttled, observation.RetryAfter));
}
