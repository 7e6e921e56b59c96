using GemScheduling.Harvest;
using GemScheduling.Harvest.V3;

namespace GemScheduling.Greenhouse;

/// <summary>Whole v3 listings, at the largest page size, and id-filtered ones in batches of the 50 ids a filter takes.</summary>
internal static class V3Lists
{
    public const int PageSize = 500;

    public static async Task<List<T>> AllAsync<T>(this HarvestV3Client client, Func<IHarvestV3Api, Task<Refit.IApiResponse<List<T>>>> firstPage,
        CancellationToken cancellationToken)
    {
        var all = new List<T>();
        await foreach (var item in client.ItemsAsync(firstPage, cancellationToken))
            all.Add(item);
        return all;
    }

    /// <summary>
    /// Whether lists answer the reader at all: no org lacks users, and v3 lists answer a reader who is not a Site Admin
    /// with nothing (or, by another reading, a 403, which the caller sees as such).
    /// </summary>
    public static async Task<bool> ReaderSeesUsersAsync(this HarvestV3Client client, CancellationToken cancellationToken) =>
        (await client.CallAsync(api => api.ListUsers(new V3UserFilter { PerPage = 1 }, cancellationToken), cancellationToken)).Count > 0;

    /// <summary>One listing per batch of at most 50 ids (none when there are no ids).</summary>
    public static async Task<List<T>> ByIdsAsync<T>(this HarvestV3Client client, IEnumerable<long> ids,
        Func<IHarvestV3Api, string, Task<Refit.IApiResponse<List<T>>>> firstPage, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        foreach (var batch in ids.Distinct().Chunk(V3ListFilter.MaxIdsPerFilter))
            all.AddRange(await client.AllAsync(api => firstPage(api, V3ListFilter.IdList(batch)), cancellationToken));
        return all;
    }
}
