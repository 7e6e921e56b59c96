using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GemScheduling.HarvestSandbox.Faults;
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

    /// <summary>The caller's API key id (for the fault log).</summary>
    public required string KeyId { get; init; }

    /// <summary>The page faults served with this page, for the call log (set by <see cref="Page{TEntity,TDto}"/>).</summary>
    public string? PageFaults { get; private set; }

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
    /// writes the Link header. Page faults, drawn once the page is known to be served, may lie in the Link header
    /// or replace the body with an oversized one.
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

        var faults = Organization.Faults.OnPage(Permission, Http.Request.Method, Http.Request.Path, KeyId, hasLastLink: true);
        PageFaults = faults.Description;
        PageSlice<TEntity> slice;
        List<TDto> dtos;
        JsonObject? template = null;
        lock (Data.Gate)
        {
            slice = Pager.Slice(source(Data), filter, paging);
            dtos = new List<TDto>(slice.Items.Count);
            foreach (var item in slice.Items)
            {
                dtos.Add(project(Data, item));
            }

            if (faults.Oversized is not null)
            {
                var first = dtos.Count > 0 ? dtos[0] : source(Data) is { Count: > 0 } all ? project(Data, all[0]) : default;
                template = OversizedPageResult.Template(first, typeInfo);
            }
        }

        var link = LinkHeader.Build(PublicBase, Http.Request.PathBase + Http.Request.Path, Http.Request.QueryString.Value,
            slice, Organization.RepeatedLinkParams, faults.Links);
        if (link is not null)
        {
            Http.Response.Headers.Link = link;
        }

        return faults.Oversized is { } oversized
            ? new OversizedPageResult(template, oversized.EffectiveCount, Http.RequestAborted)
            : TypedResults.Json(dtos, typeInfo);
    }
}
