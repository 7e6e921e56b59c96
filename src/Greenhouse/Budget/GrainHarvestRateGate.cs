using GemScheduling.Budget;
using GemScheduling.Harvest;
using GemScheduling.Harvest.RateBudget;
using Orleans.Runtime;

namespace GemScheduling.Greenhouse.Budget;

/// <summary>The Harvest client's rate gate in the service: every silo asks the org's single budget grain.</summary>
public sealed class GrainHarvestRateGate(IGrainFactory grains, TimeProvider time) : IHarvestRateGate
{
    /// <summary>How long a 429's pause is offered to a budget whose silo has just died (membership takes about 15 s to notice).</summary>
    private static readonly TimeSpan PauseDeliveryBudget = TimeSpan.FromSeconds(25);

    public Task WaitForTurnAsync(string budgetKey, HarvestLane lane, TimeSpan? maxWait, CancellationToken cancellationToken)
    {
        var budget = grains.Grain<IHarvestRateBudgetGrain>(budgetKey);
        var grantedBy = Guid.Empty;
        return RateGate.WaitAsync(async (l, within) =>
        {
            var reservation = await budget.ReserveWithin((BudgetLane)l, within);
            grantedBy = reservation.GrantedBy;
            return new ReservationDecision(reservation.Granted, reservation.Delay);
        }, lane, time, maxWait, cancellationToken, async (l, within) =>
        {
            var reservation = await budget.Confirm((BudgetLane)l, grantedBy, within);
            grantedBy = reservation.GrantedBy;
            return new ReservationDecision(reservation.Granted, reservation.Delay);
        });
    }

    public void Observe(string budgetKey, RateLimitObservation observation) =>
        _ = grains.Grain<IHarvestRateBudgetGrain>(budgetKey).Observe(ToBudget(observation));

    /// <summary>Delivered, not fire-and-forget: repeated while the budget's silo is gone, so the pause is not lost in a failover.</summary>
    public async Task ObserveThrottledAsync(string budgetKey, RateLimitObservation observation, CancellationToken cancellationToken)
    {
        var budget = grains.Grain<IHarvestRateBudgetGrain>(budgetKey);
        var deadline = time.GetUtcNow() + PauseDeliveryBudget;
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await budget.ObserveThrottled(ToBudget(observation));
                return;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                                       && time.GetUtcNow() + delay < deadline && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }

    private static BudgetObservation ToBudget(RateLimitObservation observation) =>
        new(observation.At, observation.Limit, observation.Remaining, observation.Throttled, observation.RetryAfter);
}
