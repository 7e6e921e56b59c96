using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class OfficesEndpoints
{
    public static void MapOffices(this HarvestRoutes routes) =>
        routes.V1.MapGroup("/offices").MapHarvest(routes, HarvestPermissions.OfficesList, "", List);

    /// <summary>
    /// GET /v1/offices (docs/HARVEST-CONTRACT.md §7.11). render_as=tree pages over top-level offices and nests <c>children</c>;
    /// no created/updated filters exist for offices.
    /// </summary>
    private static IResult List(HarvestCall call)
    {
        var q = call.NewQuery();
        var tree = string.Equals(q.Get("render_as"), "tree", StringComparison.OrdinalIgnoreCase);
        var externalId = q.Get("external_id");

        Func<Office, bool>? filter = (tree, externalId) switch
        {
            (false, null) => null,
            (false, _) => o => o.ExternalId == externalId,
            (true, null) => o => o.ParentId is null,
            (true, _) => o => o.ParentId is null && o.ExternalId == externalId,
        };

        return call.Page(q, data => data.Offices.Items, filter, (data, o) => OfficeProjection.ToDto(data, o, tree),
            HarvestJson.ListOfficeDto);
    }
}
