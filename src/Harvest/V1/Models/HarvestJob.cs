namespace GemScheduling.Harvest.V1.Models;

public sealed record HarvestJob
{
    public long? Id { get; init; }
    public string? Name { get; init; }
    public string? RequisitionId { get; init; }
    public bool? Confidential { get; init; }
    public string? Status { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public IReadOnlyList<HarvestNamedRef>? Departments { get; init; }
    public IReadOnlyList<HarvestNamedRef>? Offices { get; init; }
    public HarvestHiringTeam? HiringTeam { get; init; }
}

public sealed record HarvestHiringTeam(
    IReadOnlyList<HarvestTeamMember>? HiringManagers,
    IReadOnlyList<HarvestTeamMember>? Recruiters,
    IReadOnlyList<HarvestTeamMember>? Coordinators,
    IReadOnlyList<HarvestTeamMember>? Sourcers);

public sealed record HarvestTeamMember(long? Id, string? Name, bool? Responsible);
