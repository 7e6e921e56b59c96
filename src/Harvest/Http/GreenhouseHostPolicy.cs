using GemScheduling.Boundaries;

namespace GemScheduling.Harvest.Http;

/// <summary>
/// Where Greenhouse calls may go: an operator setting, never a tenant's. By default only Greenhouse's own hosts, over
/// https on the default port, at public addresses. <see cref="AllowedHosts"/> adds hosts (an egress proxy, a regional
/// host), reachable at any address; <see cref="AllowPrivateHosts"/> lifts every restriction, for sandboxes.
/// </summary>
public sealed record GreenhouseHostPolicy
{
    /// <summary>The hosts Greenhouse documents for Harvest v1/v2, v3 and OAuth tokens (no regional hosts are documented).</summary>
    public static readonly IReadOnlyList<string> GreenhouseHosts = ["harvest.greenhouse.io", "auth.greenhouse.io"];

    public bool AllowPrivateHosts { get; init; }

    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Null when GemScheduling may call <paramref name="url"/>; otherwise why not, in words for the person who typed it.</summary>
    public string? Refusal(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http"))
            return "Must be an absolute http(s) URL.";
        if (url.UserInfo.Length > 0)
            return "Must not carry a user name or password.";
        if (AllowPrivateHosts)
            return null;
        if (url.Scheme != "https")
            return "Must use https.";
        if (!IsListed(url.IdnHost))
            return $"{url.Host} is not a Greenhouse host. GemScheduling calls {string.Join(", ", GreenhouseHosts.Concat(AllowedHosts))} only; " +
                   "an operator can add hosts with Greenhouse__AllowedHosts__N.";
        if (!url.IsDefaultPort)
            return "Must use the default https port.";
        return null;
    }

    public bool IsListed(string host) => GreenhouseHosts.Concat(AllowedHosts).Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>The connect callback for Greenhouse calls: public addresses only, except for hosts the operator added.</summary>
    public Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? Connector() =>
        AllowPrivateHosts ? null : PublicAddresses.Connector("Greenhouse calls", host => AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase));

    /// <summary>The transport under every Greenhouse client: no redirects, no proxy, the address check at connect time.</summary>
    public SocketsHttpHandler CreateTransport() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = Connector(),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
}
