namespace GemScheduling.Suggestions.Availability;

/// <summary>Sorted, non-overlapping, non-adjacent candidate windows, plus the input windows that were refused.</summary>
public sealed record NormalizedAvailability(IReadOnlyList<AvailabilityWindow> Windows, IReadOnlyList<RejectedWindow> Rejected);
