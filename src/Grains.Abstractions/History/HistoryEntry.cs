namespace GemScheduling;

/// <summary>One stored event as the history API shows it: what happened, who did it, when it was recorded.</summary>
[GenerateSerializer, Immutable, Alias("gs.history-entry")]
public sealed record HistoryEntry(
    [property: Id(0)] int Version,
    [property: Id(1)] string Type,
    [property: Id(2)] string Data,
    [property: Id(3)] string? Actor,
    [property: Id(4)] DateTimeOffset RecordedAt);
