namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestUser
{
    public long? Id { get; init; }
    public string? Name { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? PrimaryEmailAddress { get; init; }
    public IReadOnlyList<string>? Emails { get; init; }
    public string? EmployeeId { get; init; }
    public bool? Disabled { get; init; }
    public bool? SiteAdmin { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public IReadOnlyList<HarvestNamedRef>? Offices { get; init; }
    public IReadOnlyList<HarvestNamedRef>? Departments { get; init; }
}
