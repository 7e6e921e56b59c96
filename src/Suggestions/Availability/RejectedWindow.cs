namespace GemScheduling.Suggestions.Availability;

/// <summary>A window normalization refused, and why.</summary>
public sealed record RejectedWindow(AvailabilityWindow Window, string Reason);
