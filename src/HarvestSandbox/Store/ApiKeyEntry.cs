using System.Collections.Frozen;

namespace GemScheduling.HarvestSandbox.Store;

/// <summary>A Harvest API key as the pipeline sees it. A key belongs to exactly one organization.</summary>
internal sealed class ApiKeyEntry
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required SandboxOrganization Organization { get; init; }
    public string? Description { get; init; }
    public required FrozenSet<string> Permissions { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool Revoked => RevokedAt is not null;

    public SandboxApiKey Snapshot() =>
        new(Id, Key, Organization.Id, Description, HarvestPermissions.AllIds.Where(Permissions.Contains).ToArray(), CreatedAt, RevokedAt);
}
