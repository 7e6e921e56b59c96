namespace GemScheduling.Harvest.RateBudget;

/// <summary>The cluster-wide (or, in tests, process-wide) rate budget the Harvest client asks before every attempt.</summary>
public interface IHarvestRateGate
{
    /// <param name="maxWait">Give up (a rate-limited error carrying when to retry) rather than wait longer than this.</param>
    Task WaitForTurnAsync(string budgetKey, HarvestLane lane, TimeSpan? maxWait, CancellationToken cancellationToken);

    /// <summary>Best effort: losing one observation only makes the budget a little less precise.</summary>
    void Observe(string budgetKey, RateLimitObservation observation);

    /// <summary>
    /// A 429 (<see cref="RateLimitObservation.Throttled"/>): returns once the budget knows of the pause, so a retry of the
    /// same call cannot be granted before it; by default the same as <see cref="Observe"/>.
    /// </summary>
    Task ObserveThrottledAsync(string budgetKey, RateLimitObservation observation, CancellationToken cancellationToken)
    {
        Observe(budgetKey, observation);
        return Task.CompletedTask;
    }
}

public static class RateGate
{
    /// <summary>
    /// Asks for a slot until one is granted, then waits for it; all waiting happens here, outside the budget. A slot granted
    /// ahead is confirmed (<paramref name="confirm"/>) once its time comes: a 429 may have paused the budget meanwhile, or
    /// the activation that granted it may be gone, and then the answer is to wait again.
    /// </summary>
    public static async Task WaitAsync(
        Func<HarvestLane, TimeSpan?, Task<ReservationDecision>> reserve, HarvestLane lane, TimeProvider time, TimeSpan? maxWait, CancellationToken cancellationToken,
        Func<HarvestLane, TimeSpan?, Task<ReservationDecision>>? confirm = null)
    {
        var waited = TimeSpan.Zero;
        var ask = reserve;
        while (true)
        {
            // The slot must come within what is left of the wait, or it would be granted and never used.
            var decision = await ask(lane, maxWait - waited);
            ask = reserve;
            // Callers told to ask again are spread out a little, so they do not all come back at the same instant.
            var delay = decision.Granted ? decision.Delay : decision.Delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100));
            if (maxWait is { } limit && waited + delay > limit)
                throw new HarvestApiException(HarvestErrorKind.OverBudget, null,
                    $"The org's Greenhouse rate budget is in use for the next {Math.Ceiling(delay.TotalSeconds):0} s; GemScheduling did not queue this call longer.",
                    retryAfter: delay, endpoint: "rate budget");
            waited += delay;
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, time, cancellationToken);
            if (decision.Granted)
            {
                if (delay <= TimeSpan.Zero || confirm is null)
                    return;
                ask = confirm;
            }
        }
    }
}
