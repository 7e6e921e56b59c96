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
    private static IResult ListOffices(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var parentId = q.Id("parent_id");
        var externalId = q.Get("external_id");
        var (created, updated) = q.Timestamps();
        return call.Page(
            (data, before) => ids is not null
                ? Descending.Sorted(ids.Select(data.Offices.Find).OfType<Office>(), before)
                : Descending.From(data.Offices.Items, before),
            o => (parentId is null || o.ParentId == parentId) && (externalId is null || o.ExternalId == externalId) &&
                 created.Contains(o.CreatedAt) && updated.Contains(o.UpdatedAt),
            (_, o) => new V3OfficeDto(o.Id, o.Name, o.LocationName, o.ParentId, o.PrimaryContactUserId, o.ExternalId, o.CreatedAt, o.UpdatedAt),
            HarvestV3Json.ListV3OfficeDto);
    }

    /// <summary>GET /v3/departments: <c>ids</c>, <c>parent_id</c>, <c>external_id</c>, <c>created_at</c>/<c>updated_at</c> (not both).</summary>
    private static IResult ListDepartments(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var parentId = q.Id("parent_id");
        var externalId = q.Get("external_id");
        var (created, updated) = q.Timestamps();
        return call.Page(
            (data, before) => ids is not null
                ? Descending.Sorted(ids.Select(data.Departments.Find).OfType<Department>(), before)
                : Descending.From(data.Departments.Items, before),
            d => (parentId is null || d.ParentId == parentId) && (externalId is null || d.ExternalId == externalId) &&
                 created.Contains(d.CreatedAt) && updated.Contains(d.UpdatedAt),
            (_, d) => new V3DepartmentDto(d.Id, d.Name, d.ParentId, d.ExternalId, d.CreatedAt, d.UpdatedAt),
            HarvestV3Json.ListV3DepartmentDto);
    }
}
