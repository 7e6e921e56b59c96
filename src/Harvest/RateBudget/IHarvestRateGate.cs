namespace GemScheduling.Harvest.RateBudget;

/// <summary>The cluster-wide (or, in tests, process-wide) rate budget the Harvest client asks before every attempt.</summary>
public interface IHarvestRateGate
{
    Task WaitForTurnAsync(string budgetKey, HarvestLane lane, CancellationToken cancellationToken);

    /// <summary>Best effort: losing one observation only makes the budget a little less precise.</summary>
    void Observe(string budgetKey, RateLimitObservation observation);
}

public static class RateGate
{
    /// <summary>Asks for a slot until one is granted, then waits for it; all waiting happens here, outside the budget.</summary>
    public static async Task WaitAsync(Func<HarvestLane, Task<ReservationDecision>> reserve, HarvestLane lane, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var decision = await reserve(lane);
            // Callers told to ask again are spread out a little, so they do not all come back at the same instant.
            var delay = decision.Granted ? decision.Delay : decision.Delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100));
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, time, cancellationToken);
            if (decision.Granted)
                return;
        }
    }
}
