namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>The loops the search found (each in chronological order) and how much work it did.</summary>
internal sealed record SearchOutcome(IReadOnlyList<Placement[]> Loops, int Work, int StartSlotsTried, bool BudgetExhausted);
