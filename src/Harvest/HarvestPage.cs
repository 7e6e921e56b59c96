namespace GemScheduling.Harvest;

/// <summary>One page of a Harvest list and where the Link header says the next and last pages are.</summary>
public sealed record HarvestPage<T>(IReadOnlyList<T> Items, Uri? Next, Uri? Last)
{
    /// <summary>The page count from <c>rel="last"</c>, when Greenhouse sent one (not with skip_count, not on v3).</summary>
    public int? PageCount => Last is null ? null : LinkHeader.PageNumber(Last);
}
