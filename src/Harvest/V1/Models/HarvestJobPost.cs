namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestJobPost
{
    public long? Id { get; init; }
    public string? Title { get; init; }
    public long? JobId { get; init; }
    public bool? Internal { get; init; }
    public bool? External { get; init; }
    public bool? Active { get; init; }
    public bool? Live { get; init; }
    public HarvestLocation? Location { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}
