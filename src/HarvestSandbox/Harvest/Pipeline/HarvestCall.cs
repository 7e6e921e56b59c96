using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>A Harvest handler runs after auth, permission and On-Behalf-Of checks; it does 404s, 422s and the work.</summary>
internal delegate IResult HarvestHandler(HarvestCall call);

/// <summary>One authenticated Harvest request, as handed to a handler.</summary>
internal sealed class HarvestCall
{
    public required HttpContext Http { get; init; }
    public required SandboxOrganization Organization { get; init; }
    public required HarvestPermission Permission { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required Uri PublicBase { get; init; }

    /// <summary>The On-Behalf-Of user (writes only); already checked to exist and be enabled.</summary>
    public long? OnBehalfOfUserId { get; init; }

    /// <summary>The JSON object body (POST/PATCH only).</summary>
    public JsonElement Body { get; init; }

    public OrgData Data => Organization.Data;

    public ListQuery NewQuery() => new(Http.Request.Query);

    public long RouteId(string name = "id") =>
        long.Parse((string)Http.Request.RouteValues[name]!, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// Serves one page of a list endpoint: validates paging and filters (422), slices under the org's lock,
    /// writes the Link header.
    /// </summary>
    public IResult Page<TEntity, TDto>(
        ListQuery query,
        Func<OrgData, IReadOnlyList<TEntity>> source,
        Func<TEntity, bool>? filter,
        Func<OrgData, TEntity, TDto> project,
        JsonTypeInfo<List<TDto>> typeInfo)
    {
        var paging = query.Paging();
        if (query.Errors.Count > 0)
        {
            return HarvestResults.Validation(query.Errors);
        }

        if (query.MatchesNothing)
        {
            filter = static _ => false;
        }

        PageSlice<TEntity> slice;
        List<TDto> dtos;
        lock (Data.Gate)
        {
            slice = Pager.Slice(source(Data), filter, paging);
            dtos = new List<TDto>(slice.Items.Count);
            foreach (var item in slice.Items)
            {
                dtos.Add(project(Data, item));
            }
        }

        var link = LinkHeader.Build(PublicBase, Http.Request.PathBase + Http.Request.Path, Http.Request.QueryString.Value,
            slice, Organization.RepeatedLinkParams);
        if (link is not null)
        {
            Http.Response.Headers.Link = link;
        }

        return TypedResults.Json(dtos, typeInfo);
    }
}
