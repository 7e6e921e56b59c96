namespace GemScheduling.Harvest.RateBudget;

/// <summary>The budget as the API shows it: the limit, how much of the current window is used, who waits, 429s seen.</summary>
public sealed record RateBudgetSnapshot(
    int Limit,
    TimeSpan Window,
    int UsedInWindow,
    int WritesReservedAhead,
    int InteractiveReservedAhead,
    int BackgroundReservedAhead,
    long WritesGranted,
    long InteractiveGranted,
    long BackgroundGranted,
    long WritesDeferred,
    long InteractiveDeferred,
    long BackgroundDeferred,
    long TooManyRequestsSeen,
    int? LastRemaining,
    DateTimeOffset? PausedUntil);
