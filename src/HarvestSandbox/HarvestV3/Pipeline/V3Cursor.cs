using System.Globalization;
using GemScheduling.HarvestSandbox.OAuth;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// Where a v3 list continues: rows with ids below <see cref="BeforeId"/> (results are id-descending, so pages
/// are stable while paging: new rows have higher ids), with the first request's filters and per_page. Sent as an
/// opaque, signed string bound to the org and the endpoint. <see cref="BeforeId"/> may be zero or negative: the
/// endless-next fault walks it down past the data to mint a new cursor for every empty page.
/// </summary>
internal sealed record V3Cursor(string OrganizationId, string Path, long BeforeId, int PerPage, string RawQuery)
{
    private const string Version = "c1";

    public string Encode(V3Auth auth) =>
        auth.Protect(string.Join('\n', Version, OrganizationId, Path, BeforeId.ToString(CultureInfo.InvariantCulture),
            PerPage.ToString(CultureInfo.InvariantCulture), RawQuery));

    public static V3Cursor? Decode(V3Auth auth, string text)
    {
        var payload = auth.Unprotect(text);
        var parts = payload?.Split('\n', 6);
        if (parts is not { Length: 6 } || parts[0] != Version ||
            !long.TryParse(parts[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var before) ||
            !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var perPage))
        {
            return null;
        }

        return new V3Cursor(parts[1], parts[2], before, perPage, parts[5]);
    }
}
