using System.Collections.Frozen;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// The query parameters one v3 list documents: the common ones every list takes plus its own filters, as the public
/// v3 reference lists them (docs/HARVEST-SANDBOX.md, Harvest v3 endpoints). Anything else is refused with a 422 naming
/// it, so a client that sends a filter the endpoint does not have (which real Harvest may ignore or refuse,
/// docs/HARVEST-CONTRACT.md §11) is caught here.
/// </summary>
internal sealed class V3ListParameters
{
    /// <summary>Taken by every v3 list (the cursor alone on later pages).</summary>
    public static readonly IReadOnlyList<string> Common = ["per_page", "cursor", "ids", "created_at", "updated_at", "fields"];

    private readonly FrozenSet<string> _allowed;

    public V3ListParameters(IEnumerable<string> filters)
    {
        Filters = [.. filters];
        _allowed = Common.Concat(Filters).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The endpoint's own filters, beyond <see cref="Common"/>.</summary>
    public IReadOnlyList<string> Filters { get; }

    /// <summary>The parameters of <paramref name="query"/> this list does not document, in request order.</summary>
    public List<string> Unknown(IQueryCollection query) => query.Keys.Where(k => !_allowed.Contains(k)).ToList();
}
