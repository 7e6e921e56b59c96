namespace GemScheduling.HarvestSandbox.Harvest;

internal sealed record PageSlice<T>(List<T> Items, int Page, int PerPage, bool HasNext, long? LastPage);

internal static class Pager
{
    /// <summary>
    /// One page of an id-ordered list. Unfiltered pages are direct slices (O(per_page)); filtered ones scan once,
    /// counting matches for <c>rel="last"</c> unless <c>skip_count</c>, in which case the scan stops at the first
    /// match past the page.
    /// </summary>
    public static PageSlice<T> Slice<T>(IReadOnlyList<T> source, Func<T, bool>? filter, PageRequest request)
    {
        var offset = (long)(request.Page - 1) * request.PerPage;
        var items = new List<T>(Math.Min(request.PerPage, 512));
        if (filter is null)
        {
            long total = source.Count;
            for (var i = offset; i < total && items.Count < request.PerPage; i++)
            {
                items.Add(source[(int)i]);
            }

            return new PageSlice<T>(items, request.Page, request.PerPage, offset + request.PerPage < total,
                request.SkipCount ? null : LastPage(total, request.PerPage));
        }

        long matched = 0;
        var hasNext = false;
        for (var i = 0; i < source.Count; i++)
        {
            var item = source[i];
            if (!filter(item))
            {
                continue;
            }

            if (matched >= offset && items.Count < request.PerPage)
            {
                items.Add(item);
            }
            else if (matched >= offset + request.PerPage)
            {
                hasNext = true;
                if (request.SkipCount)
                {
                    break;
                }
            }

            matched++;
        }

        return new PageSlice<T>(items, request.Page, request.PerPage, hasNext, request.SkipCount ? null : LastPage(matched, request.PerPage));
    }

    private static long LastPage(long total, int perPage) => Math.Max(1, (total + perPage - 1) / perPage);
}
