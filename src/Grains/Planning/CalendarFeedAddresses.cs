using System.Net;
using System.Net.Sockets;

namespace GemScheduling.Planning;

/// <summary>
/// Which addresses an interviewer's calendar feed may be fetched from. A feed URL is user input that the service
/// fetches from inside its own network, so loopback, private, link-local (cloud metadata), shared and multicast
/// addresses are refused unless <see cref="CalendarFeedOptions.AllowPrivateNetworks"/> is set. The check runs on
/// the address actually connected to, so a DNS name that resolves (or re-resolves) to a private address is refused too.
/// </summary>
public static class CalendarFeedAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC); // fc00::/7 unique local
        }

        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 or >= 224 => false,                       // "this" network, private, loopback, multicast and reserved
            100 when v4[1] is >= 64 and <= 127 => false,             // shared address space (carrier-grade NAT)
            169 when v4[1] == 254 => false,                          // link-local, cloud metadata services
            172 when v4[1] is >= 16 and <= 31 => false,              // private
            192 when v4[1] == 168 => false,                          // private
            192 when v4[1] == 0 && v4[2] == 0 => false,              // IETF protocol assignments
            198 when v4[1] is 18 or 19 => false,                     // benchmarking
            _ => true,
        };
    }

    /// <summary>The URL's host when it names a refused address outright (an IP literal or localhost); null otherwise.</summary>
    public static string? RefusedHost(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var literal) && !IsPublic(literal)) ? url.Host : null;

    /// <summary>Connects only to public addresses of the host (every resolved address is checked, the first allowed one used).</summary>
    public static async ValueTask<Stream> ConnectPublicAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(IsPublic).ToList();
        if (allowed.Count == 0)
            throw new HttpRequestException($"{host} resolves only to private or reserved addresses, which calendar feeds may not use.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.Select(a => new IPEndPoint(a, context.DnsEndPoint.Port)).First(), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

public sealed record CalendarFeedOptions
{
    /// <summary>Allow feeds on loopback and private networks (a self-hosted calendar server inside the company network).</summary>
    public bool AllowPrivateNetworks { get; init; }
}
