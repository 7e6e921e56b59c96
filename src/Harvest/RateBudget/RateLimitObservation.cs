namespace GemScheduling.Harvest.RateBudget;

/// <summary>What one Harvest response said about the rate limit.</summary>
public sealed record RateLimitObservation(DateTimeOffset At, int? Limit, int? Remaining, bool Throttled, TimeSpan? RetryAfter);

/// <summary>The budget's answer: go after <see cref="Delay"/> (a reserved slot), or ask again after it (no slot).</summary>
public readonly record struct ReservationDecision(bool Granted, TimeSpan Delay)
{
    public static ReservationDecision GoAfter(TimeSpan delay) => new(true, delay);

    public static ReservationDecision AskAgainAfter(TimeSpan delay) => new(false, delay);
}

public sealed record RateBudgetOptions
{
    /// <summary>Harvest v1/v2 counts requests per 10-second window.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Harvest v3 counts requests per 30-second window (docs/HARVEST-CONTRACT.md §4).</summary>
    public TimeSpan V3Window { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Slack for the time between a reservation and the request reaching Greenhouse.</summary>
    public TimeSpan Guard { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Used until a response tells us X-RateLimit-Limit.</summary>
    public int DefaultLimit { get; init; } = 50;

    /// <summary>Share of each window background sync leaves free, so a write rarely waits at all.</summary>
    public double BackgroundHeadroom { get; init; } = 0.1;

    /// <summary>
    /// The same on v3: a 30 s window of (typically) 75 holds 4 free slots at 5 %, enough for interactive reads; writes
    /// beyond them wait their turn or, past 12 s, are deferred by the outbox. A sync so gets over 90 % of the limit.
    /// </summary>
    public double V3BackgroundHeadroom { get; init; } = 0.05;

    /// <summary>Writes and interactive reads may reserve a slot this far ahead; beyond it they are told to ask again.</summary>
    public TimeSpan MaxReservationAhead { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Harvest v3 token requests count on their own 60-second window.</summary>
    public TimeSpan TokenWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Token requests per window until the token endpoint says otherwise (Greenhouse publishes no figure).</summary>
    public int TokenDefaultLimit { get; init; } = 30;

    /// <summary>
    /// The options for one budget: v3 budgets (<see cref="HarvestConnection.BudgetKeyFor"/>) use the v3 window, v3 token
    /// budgets (<see cref="HarvestConnection.TokenBudgetKeyFor"/>) the token window.
    /// </summary>
    public RateBudgetOptions ForBudgetKey(string budgetKey) =>
        budgetKey.EndsWith("|v3", StringComparison.Ordinal) ? this with { Window = V3Window, BackgroundHeadroom = V3BackgroundHeadroom }
        : budgetKey.EndsWith("|v3-token", StringComparison.Ordinal) ? this with { Window = TokenWindow, DefaultLimit = TokenDefaultLimit, BackgroundHeadroom = 0 }
        : this;
}
