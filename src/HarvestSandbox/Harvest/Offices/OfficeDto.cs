using System.Text.Json.Serialization;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>GET /v1/offices item (docs/HARVEST-CONTRACT.md §7.11). <see cref="Children"/> only with <c>render_as=tree</c>.</summary>
public sealed record OfficeDto(
    long Id,
    string Name,
    LocationNameDto Location,
    long? PrimaryContactUserId,
    long? ParentId,
    string? ParentOfficeExternalId,
    IReadOnlyList<long> ChildIds,
    IReadOnlyList<string> ChildOfficeExternalIds,
    string? ExternalId)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OfficeDto>? Children { get; init; }
}

internal static class OfficeProjection
{
    public static OfficeDto ToDto(OrgData data, Office o, bool tree)
    {
        var children = o.ChildIds.Select(id => data.Offices.Find(id)).OfType<Office>().ToArray();
        return new OfficeDto(
            o.Id, o.Name, new LocationNameDto(o.LocationName), o.PrimaryContactUserId, o.ParentId,
            o.ParentId is { } parentId ? data.Offices.Find(parentId)?.ExternalId : null,
            o.ChildIds.ToArray(),
            children.Select(c => c.ExternalId).OfType<string>().ToArray(),
            o.ExternalId)
        {
            Children = tree ? children.Select(c => ToDto(data, c, tree: true)).ToArray() : null,
        };
    }
}
