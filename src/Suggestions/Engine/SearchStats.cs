namespace GemScheduling.Suggestions.Engine;

/// <summary>How much the search did. <see cref="BudgetExhausted"/> means better or more options may exist.</summary>
public sealed record SearchStats(int PlacementAttempts, int StartSlotsTried, int OptionsFound, bool BudgetExhausted);
