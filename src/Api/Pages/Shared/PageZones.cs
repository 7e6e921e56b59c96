namespace GemScheduling.Api.Pages.Shared;

/// <summary>The time zones a candidate can choose from: the IANA regions this machine knows, and UTC.</summary>
internal static class PageZones
{
    private static readonly Lazy<IReadOnlyList<string>> Known = new(() =>
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/') && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .Append("UTC").Distinct().Order(StringComparer.Ordinal)]);

    /// <summary>The list, with <paramref name="current"/> in it even when it is not a region (an alias the candidate sent).</summary>
    public static IReadOnlyList<string> Including(string current) =>
        Known.Value.Contains(current) ? Known.Value : [.. Known.Value.Append(current).Order(StringComparer.Ordinal)];
}
