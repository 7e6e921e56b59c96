using System.Globalization;
using System.Text;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>
/// RFC 5988 <c>Link</c> header with next/prev/last on the sandbox's own base address, carrying the request's
/// other parameters (docs/HARVEST-CONTRACT.md §3).
/// </summary>
internal static class LinkHeader
{
    /// <param name="fault">A link fault drawn for this page: the links then lie as that kind says.</param>
    public static string? Build<T>(Uri publicBase, string path, string? rawQuery, PageSlice<T> slice, bool repeatedParams, FaultRule? fault = null)
    {
        var own = publicBase.GetLeftPart(UriPartial.Authority) + path;
        var onward = own;
        switch (fault?.Kind)
        {
            case FaultKind.HugeLastPage:
                slice = slice with { HasNext = slice.Page < int.MaxValue, LastPage = int.MaxValue };
                break;
            case FaultKind.EndlessNext:
                slice = slice with { HasNext = slice.Page < int.MaxValue };
                break;
            case FaultKind.ForeignNextLink:
                slice = slice with { HasNext = slice.Page < int.MaxValue };
                onward = fault.EffectiveTarget;
                break;
        }

        if (slice.Page == 1 && !slice.HasNext)
        {
            return null;
        }

        var pairs = ParsePairs(rawQuery);
        var links = new List<string>(3);
        if (slice.HasNext)
        {
            links.Add(Link(onward, pairs, slice.Page + 1L, slice.PerPage, repeatedParams, "next"));
        }

        if (slice.Page > 1)
        {
            links.Add(Link(own, pairs, slice.Page - 1L, slice.PerPage, repeatedParams, "prev"));
        }

        if (slice.LastPage is { } last)
        {
            links.Add(Link(onward, pairs, last, slice.PerPage, repeatedParams, "last"));
        }

        return links.Count == 0 ? null : string.Join(", ", links);
    }

    /// <param name="target">Scheme, host and path the link points at; a foreign target may carry its own query.</param>
    private static string Link(string target, List<(string Name, string Value)> pairs, long page, int perPage, bool repeated, string rel)
    {
        var query = new StringBuilder();
        void Add(string name, string value)
        {
            query.Append(query.Length == 0 && !target.Contains('?') ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        var pageText = page.ToString(CultureInfo.InvariantCulture);
        var perPageText = perPage.ToString(CultureInfo.InvariantCulture);
        if (repeated)
        {
            // Greenhouse once appended the new paging values after the old ones: ?page=2&page=3&per_page=1&per_page=1.
            foreach (var (n, v) in pairs.Where(p => p.Name == "page"))
            {
                Add(n, v);
            }

            Add("page", pageText);
            foreach (var (n, v) in pairs.Where(p => p.Name == "per_page"))
            {
                Add(n, v);
            }

            Add("per_page", perPageText);
            foreach (var (n, v) in pairs.Where(p => p.Name is not ("page" or "per_page")))
            {
                Add(n, v);
            }
        }
        else
        {
            Add("page", pageText);
            Add("per_page", perPageText);
            var seen = new HashSet<string>(StringComparer.Ordinal) { "page", "per_page" };
            foreach (var (n, _) in pairs)
            {
                if (seen.Add(n))
                {
                    Add(n, pairs.Last(p => p.Name == n).Value);
                }
            }
        }

        return $"<{target}{query}>; rel=\"{rel}\"";
    }

    /// <summary>The raw query's name/value pairs in order, repeats kept.</summary>
    private static List<(string Name, string Value)> ParsePairs(string? rawQuery)
    {
        var pairs = new List<(string, string)>();
        if (string.IsNullOrEmpty(rawQuery))
        {
            return pairs;
        }

        foreach (var part in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            pairs.Add((name, value));
        }

        return pairs;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
