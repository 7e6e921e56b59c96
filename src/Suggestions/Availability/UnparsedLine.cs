namespace GemScheduling.Suggestions.Availability;

/// <summary>A line of an availability submission that did not become a window, with its 1-based line number and why.</summary>
public sealed record UnparsedLine(int LineNumber, string Text, string Reason);
