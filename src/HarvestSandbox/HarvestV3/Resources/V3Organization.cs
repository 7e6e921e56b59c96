using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>GET /v3/offices item: <c>location</c> is a string; <c>primary_contact_user_id</c>→<c>primary_in_house_contact_user_id</c>; no child ids.</summary>
public sealed record V3OfficeDto(
    long Id, string Name, string? Location, long? ParentId, long? PrimaryInHouseContactUserId, string? ExternalId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>GET /v3/departments item: no child ids (children carry <c>parent_id</c>).</summary>
public sealed record V3DepartmentDto(long Id, string Name, long? ParentId, string? ExternalId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Offices and departments, both trees by <c>parent_id</c>.</summary>
internal static class V3Organization
{
    public static void MapV3Organization(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.OfficesList, ListOffices, "parent_id", "external_id");
        routes.MapV3List(HarvestV3Scopes.DepartmentsList, ListDepartments, "parent_id", "external_id");
    }

    /// <summary>GET /v3/offices: <c>ids</c>, <c>parent_id</c>, <c>external_id</c>, <c>created_at</c>/<c>updated_at</c> (not both).</summary>
    private static IResult ListOffices(V3Call call) => ListTree(call, data => data.Offices,
        o => new V3OfficeDto(o.Id, o.Name, o.LocationName, o.ParentId, o.PrimaryContactUserId, o.ExternalId, o.CreatedAt, o.UpdatedAt),
        HarvestV3Json.ListV3OfficeDto);

    /// <summary>GET /v3/departments: the same parameters.</summary>
    private static IResult ListDepartments(V3Call call) => ListTree(call, data => data.Departments,
        d => new V3DepartmentDto(d.Id, d.Name, d.ParentId, d.ExternalId, d.CreatedAt, d.UpdatedAt),
        HarvestV3Json.ListV3DepartmentDto);

    private static IResult ListTree<TUnit, TDto>(
        V3Call call, Func<OrgData, EntityTable<TUnit>> table, Func<TUnit, TDto> project, System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<TDto>> typeInfo)
        where TUnit : class, IOrgUnit
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var parentId = q.Id("parent_id");
        var externalId = q.Get("external_id");
        var (created, updated) = q.Timestamps();
        return call.Page(
            (data, before) => ids is not null
                ? Descending.Sorted(ids.Select(table(data).Find).OfType<TUnit>(), before)
                : Descending.From(table(data).Items, before),
            u => (parentId is null || u.ParentId == parentId) && (externalId is null || u.ExternalId == externalId) &&
                 created.Contains(u.CreatedAt) && updated.Contains(u.UpdatedAt),
            (_, u) => project(u),
            typeInfo);
    }
}
