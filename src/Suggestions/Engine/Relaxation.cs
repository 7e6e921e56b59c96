namespace GemScheduling.Suggestions.Engine;

/// <summary>The nearest single change that makes the loop schedulable, and the best option it gives.</summary>
public sealed record Relaxation(RelaxationKind Kind, string Description, SuggestionRequest RelaxedRequest, ScheduleOption Option);
