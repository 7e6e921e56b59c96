namespace GemScheduling.Greenhouse;

[GenerateSerializer, Immutable, Alias("gs.job")]
public sealed record Job(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] string? RequisitionId,
    [property: Id(4)] bool Confidential,
    [property: Id(5)] IReadOnlyList<NamedRef> Departments,
    [property: Id(6)] IReadOnlyList<NamedRef> Offices,
    [property: Id(7)] IReadOnlyList<long> CoordinatorIds,
    [property: Id(8)] IReadOnlyList<long> RecruiterIds,
    [property: Id(9)] DateTimeOffset? OpenedAt,
    [property: Id(10)] DateTimeOffset? ClosedAt,
    [property: Id(11)] DateTimeOffset? UpdatedAt);

[GenerateSerializer, Immutable, Alias("gs.named-ref")]
public sealed record NamedRef([property: Id(0)] long Id, [property: Id(1)] string? Name);
