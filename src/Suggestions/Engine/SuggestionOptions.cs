namespace GemScheduling.Suggestions.Engine;

/// <summary>How the loop may be laid out and how hard to search.</summary>
public sealed record SuggestionOptions
{
    /// <summary>No interview starts before this (the caller passes "now" plus the lead time).</summary>
    public required DateTimeOffset EarliestStart { get; init; }

    /// <summary>No interview ends after this.</summary>
    public DateTimeOffset? LatestEnd { get; init; }

    /// <summary>Interviews happen in the order of the steps; otherwise any order.</summary>
    public bool KeepOrder { get; init; } = true;

    /// <summary>Minimum gap between one interview's end and the next one's start (zero = back to back allowed).</summary>
    public TimeSpan BreakBetween { get; init; } = TimeSpan.Zero;

    /// <summary>How many calendar days (in the candidate's zone) the loop may touch; 1 = all on one day.</summary>
    public int MaxDays { get; init; } = 1;

    public int MaxOptions { get; init; } = 10;

    /// <summary>Interviews start on multiples of this on the candidate's wall clock, counted from local midnight.</summary>
    public TimeSpan SlotGranularity { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Deterministic cap on search work (placement attempts); the result says when it was reached.</summary>
    public int SearchBudget { get; init; } = 200_000;

    /// <summary>When nothing fits, try relaxing one constraint at a time and report the first that works.</summary>
    public bool SuggestRelaxation { get; init; } = true;

    public bool SameDay => MaxDays <= 1;
}
