namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestOffice
{
    public long? Id { get; init; }
    public string? Name { get; init; }
    public HarvestLocation? Location { get; init; }
    public long? ParentId { get; init; }
    public IReadOnlyList<long>? ChildIds { get; init; }
    public long? PrimaryContactUserId { get; init; }
    public string? ExternalId { get; init; }
}
