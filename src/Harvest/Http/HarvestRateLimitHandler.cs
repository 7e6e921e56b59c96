using GemScheduling.Harvest.RateBudget;

namespace GemScheduling.Harvest.Http;

/// <summary>Waits for the org's rate budget before each attempt and reports what the response said about the limit.</summary>
internal sealed class HarvestRateLimitHandler(IHarvestRateGate gate, TimeProvider time, HarvestClientOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var connection = request.GetConnection();
        // An interactive read answers "try again later" rather than queue behind a full window; writes and sync wait.
        var lane = request.GetLane();
        await gate.WaitForTurnAsync(connection.BudgetKey, lane, lane == HarvestLane.Interactive ? options.MaxInteractiveBudgetWait : null, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var observation = RateLimitHeaders.Read(response, time.GetUtcNow());
        if (observation is not null)
            gate.Observe(connection.BudgetKey, observation);
        return response;
    }
}
