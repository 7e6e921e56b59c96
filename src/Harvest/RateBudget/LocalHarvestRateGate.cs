using System.Collections.Concurrent;

namespace GemScheduling.Harvest.RateBudget;

/// <summary>A process-local budget per key (benchmarks, tools, tests); the service uses the per-org grain instead.</summary>
public sealed class LocalHarvestRateGate(TimeProvider time, RateBudgetOptions? options = null) : IHarvestRateGate
{
    private readonly ConcurrentDictionary<string, RateBudgetLedger> _ledgers = new();

    public Task WaitForTurnAsync(string budgetKey, HarvestLane lane, TimeSpan? maxWait, CancellationToken cancellationToken)
    {
        var ledger = Ledger(budgetKey);
        return RateGate.WaitAsync((l, within) =>
        {
            lock (ledger)
                return Task.FromResult(ledger.Reserve(l, time.GetUtcNow(), within));
        }, lane, time, maxWait, cancellationToken, (_, _) =>
        {
            lock (ledger)
                return Task.FromResult(ledger.Confirm(time.GetUtcNow()));
        });
    }

    public void Observe(string budgetKey, RateLimitObservation observation)
    {
        var ledger = Ledger(budgetKey);
        lock (ledger)
            ledger.Observe(observation);
    }

    public RateBudgetSnapshot Snapshot(string budgetKey)
    {
        var ledger = Ledger(budgetKey);
        lock (ledger)
            return ledger.Snapshot(time.GetUtcNow());
    }

    private RateBudgetLedger Ledger(string key) => _ledgers.GetOrAdd(key, k => new RateBudgetLedger((options ?? new RateBudgetOptions()).ForBudgetKey(k)));
}

/// <summary>No budget at all: for a sandbox with its rate limit off.</summary>
public sealed class UnlimitedHarvestRateGate : IHarvestRateGate
{
    public Task WaitForTurnAsync(string budgetKey, HarvestLane lane, TimeSpan? maxWait, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Observe(string budgetKey, RateLimitObservation observation)
    {
    }
}
