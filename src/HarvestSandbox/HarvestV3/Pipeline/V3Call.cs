using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GemScheduling.HarvestSandbox.Faults;
using GemScheduling.HarvestSandbox.OAuth;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>A v3 handler runs after token, rate-limit, fault, scope and user checks; it does 404s, 422s and the work.</summary>
internal delegate IResult V3Handler(V3Call call);

/// <summary>One authenticated Harvest v3 request, as handed to a handler.</summary>
internal sealed class V3Call
{
    public required HttpContext Http { get; init; }
    public required SandboxOrganization Organization { get; init; }
    public required HarvestPermission Scope { get; init; }
    public required V3TokenEntry Token { get; init; }
    public required V3Auth Auth { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required Uri PublicBase { get; init; }

    /// <summary>The list parameters: the request's own, or on a cursor request those of the first request.</summary>
    public required V3Query Query { get; init; }

    /// <summary>Set when this request continues a list (<c>?cursor=</c>).</summary>
    public V3Cursor? Cursor { get; init; }

    /// <summary>The Site-Admin rule applies: the token's user is not a Site Admin, so lists come back empty.</summary>
    public bool ListsHidden { get; init; }

    /// <summary>The JSON object body (POST/PATCH only).</summary>
    public JsonElement Body { get; init; }

    /// <summary>The page faults served with this page, for the call log (set by <see cref="Page{TRow,TDto}"/>).</summary>
    public string? PageFaults { get; private set; }

    /// <summary>The acting user: the token's <c>sub</c> (docs/HARVEST-CONTRACT.md §11; v3 has no On-Behalf-Of).</summary>
    public long Sub => Token.Sub;

    public OrgData Data => Organization.Data;

    /// <summary>
    /// Which jobs the token's user may see (<see cref="HarvestV3Options.HideConfidentialJobs"/>): every job but the
    /// confidential ones they are not on the hiring team of. Rows of no job (prospects, prospect posts) are visible.
    /// </summary>
    public Func<long?, bool> VisibleJobs()
    {
        if (!Organization.V3Options.HideConfidentialJobs)
        {
            return _ => true;
        }

        HashSet<long> hidden;
        lock (Data.Gate)
        {
            hidden = Data.Jobs.Items.Where(j => j.Confidential && !j.OnHiringTeam(Sub)).Select(j => j.Id).ToHashSet();
        }

        return hidden.Count == 0 ? _ => true : jobId => jobId is not { } id || !hidden.Contains(id);
    }

    public long RouteId(string name = "id") =>
        long.Parse((string)Http.Request.RouteValues[name]!, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// Serves one page of a list: 422 for bad parameters; nothing for non-Site-Admins (when the rule is on);
    /// otherwise up to per_page rows, id-descending, and <c>Link: &lt;…?cursor=…&gt;; rel="next"</c> when there are more.
    /// <paramref name="source"/> yields rows id-descending, starting below the given id (null = from the top).
    /// Page faults, drawn once the page is known to be served, may lie in the Link header or replace the body.
    /// </summary>
    public IResult Page<TRow, TDto>(
        Func<OrgData, long?, IEnumerable<TRow>> source,
        Func<TRow, bool>? filter,
        Func<OrgData, TRow, TDto> project,
        JsonTypeInfo<List<TDto>> typeInfo)
        where TRow : IEntity
    {
        var perPage = Cursor?.PerPage ?? Query.PerPage();
        var fields = V3Fields.Parse(Query, typeInfo);
        if (Query.Errors.Count > 0)
        {
            return V3Results.Validation(Query.Errors);
        }

        var dtos = new List<TDto>();
        if (ListsHidden)
        {
            return TypedResults.Json(dtos, typeInfo);
        }

        var faults = Organization.Faults.OnPage(Scope, Http.Request.Method, Http.Request.Path, Token.Credential.ClientId, hasLastLink: false);
        PageFaults = faults.Description;
        long? lastId = null;
        var hasNext = false;
        JsonObject? template = null;
        lock (Data.Gate)
        {
            foreach (var row in source(Data, Cursor?.BeforeId))
            {
                if (filter is not null && !filter(row))
                {
                    continue;
                }

                if (dtos.Count == perPage)
                {
                    hasNext = true;
                    break;
                }

                dtos.Add(project(Data, row));
                lastId = row.Id;
            }

            if (faults.Oversized is not null)
            {
                var first = dtos.Count > 0 ? dtos[0] : source(Data, null).FirstOrDefault() is { } top ? project(Data, top) : default;
                template = OversizedPageResult.Template(first, typeInfo);
            }
        }

        if (hasNext || faults.Links is not null)
        {
            // Past the data a link fault still needs a cursor, and a new one each time: below the last row, then one lower.
            var beforeId = hasNext ? lastId!.Value : lastId ?? (Cursor?.BeforeId ?? 1) - 1;
            var path = (Http.Request.PathBase + Http.Request.Path).Value!;
            var cursor = new V3Cursor(Organization.Id, path, beforeId, perPage, Cursor?.RawQuery ?? Http.Request.QueryString.Value ?? "");
            var target = faults.Links?.Kind == FaultKind.ForeignNextLink
                ? faults.Links.EffectiveTarget
                : PublicBase.GetLeftPart(UriPartial.Authority) + path;
            var separator = target.Contains('?') ? '&' : '?';
            Http.Response.Headers.Link = $"<{target}{separator}cursor={cursor.Encode(Auth)}>; rel=\"next\"";
        }

        return faults.Oversized is { } oversized ? new OversizedPageResult(template, oversized.EffectiveCount, Http.RequestAborted)
            : fields is not null ? V3Fields.Select(dtos, typeInfo, fields)
            : TypedResults.Json(dtos, typeInfo);
    }
}

/// <summary>Id-descending sequences for <see cref="V3Call.Page{TRow,TDto}"/>.</summary>
internal static class Descending
{
    /// <summary>An id-ascending list (an <see cref="EntityTable{T}"/> or a navigation list), read backwards from below <paramref name="before"/>.</summary>
    public static IEnumerable<T> From<T>(IReadOnlyList<T> ascending, long? before) where T : IEntity
    {
        var index = before is { } b ? LowerBound(ascending, b) - 1 : ascending.Count - 1;
        for (var i = index; i >= 0; i--)
        {
            yield return ascending[i];
        }
    }

    /// <summary>Any rows: sorted id-descending, those below <paramref name="before"/>.</summary>
    public static IEnumerable<T> Sorted<T>(IEnumerable<T> rows, long? before) where T : IEntity =>
        rows.Where(r => before is null || r.Id < before).OrderByDescending(r => r.Id);

    /// <summary>Merges id-descending sequences (e.g. notes, emails and activities, which share one id space).</summary>
    public static IEnumerable<T> Merge<T>(params IEnumerable<T>[] sequences) where T : IEntity
    {
        var enumerators = sequences.Select(s => s.GetEnumerator()).ToList();
        try
        {
            var live = enumerators.Where(e => e.MoveNext()).ToList();
            while (live.Count > 0)
            {
                var best = live[0];
                foreach (var e in live)
                {
                    if (e.Current.Id > best.Current.Id)
                    {
                        best = e;
                    }
                }

                yield return best.Current;
                if (!best.MoveNext())
                {
                    live.Remove(best);
                }
            }
        }
        finally
        {
            foreach (var e in enumerators)
            {
                e.Dispose();
            }
        }
    }

    /// <summary>Index of the first row whose id is at least <paramref name="id"/>.</summary>
    private static int LowerBound<T>(IReadOnlyList<T> ascending, long id) where T : IEntity
    {
        int lo = 0, hi = ascending.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (ascending[mid].Id < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
