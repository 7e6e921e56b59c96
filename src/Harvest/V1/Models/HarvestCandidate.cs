namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestCandidate
{
    public long? Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? LastActivity { get; init; }
    public bool? IsPrivate { get; init; }
    public IReadOnlyList<long>? ApplicationIds { get; init; }
    public IReadOnlyList<HarvestTypedValue>? EmailAddresses { get; init; }
    public IReadOnlyList<HarvestTypedValue>? PhoneNumbers { get; init; }
    public bool? CanEmail { get; init; }
    public IReadOnlyList<HarvestApplication>? Applications { get; init; }
}
