namespace GemScheduling.Greenhouse;

/// <summary>A Greenhouse office as GemScheduling keeps it (independent of the Harvest version it came from).</summary>
[GenerateSerializer, Immutable, Alias("gs.office")]
public sealed record Office(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Location,
    [property: Id(3)] long? ParentId,
    [property: Id(4)] string? ExternalId);
