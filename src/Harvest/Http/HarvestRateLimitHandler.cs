using GemScheduling.Harvest.RateBudget;

namespace GemScheduling.Harvest.Http;

/// <summary>Waits for the org's rate budget before each attempt and reports what the response said about the limit.</summary>
internal sealed class HarvestRateLimitHandler(IHarvestRateGate gate, TimeProvider time, HarvestClientOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var connection = request.GetConnection();
        // Inside a grain call nothing waits long: an interactive read answers "try again later", a write is scheduled for
        // when the budget admits it. Sync pages run off the grain and wait their turn.
        var lane = request.GetLane();
        var maxWait = lane switch
        {
            HarvestLane.Interactive => options.MaxInteractiveBudgetWait,
            HarvestLane.Write => options.MaxWriteBudgetWait,
            _ => (TimeSpan?)null,
        };
        await gate.WaitForTurnAsync(connection.BudgetKey, lane, maxWait, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var observation = RateLimitHeaders.Read(response, time.GetUtcNow());
        if (observation is { Throttled: true })
            await gate.ObserveThrottledAsync(connection.BudgetKey, observation, cancellationToken);
        else if (observation is not null)
            gate.Observe(connection.BudgetKey, observation);
        return response;
    }
}
