using System.Net;
using System.Net.Sockets;

namespace GemScheduling.Boundaries;

/// <summary>
/// Which addresses a URL that someone other than the operator chose may be fetched from: not loopback, private,
/// link-local (cloud metadata), shared, multicast or reserved. The check belongs on the address actually connected
/// to (<see cref="ConnectAsync"/>), so a name that resolves, or re-resolves, to an internal address is refused too.
/// </summary>
public static class PublicAddresses
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
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC // fc00::/7 unique local
                     || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)                                      // 2001:db8::/32 documentation
                     || address.Equals(IPAddress.IPv6None));
        }

        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 or >= 224 => false,                       // "this" network, private, loopback, multicast and reserved
            100 when v4[1] is >= 64 and <= 127 => false,             // shared address space (carrier-grade NAT)
            169 when v4[1] == 254 => false,                          // link-local, cloud metadata services
            172 when v4[1] is >= 16 and <= 31 => false,              // private
            192 when v4[1] == 168 => false,                          // private
            192 when v4[1] == 0 && v4[2] is 0 or 2 => false,         // IETF protocol assignments, documentation
            198 when v4[1] is 18 or 19 => false,                     // benchmarking
            198 when v4[1] == 51 && v4[2] == 100 => false,           // documentation
            203 when v4[1] == 0 && v4[2] == 113 => false,            // documentation
            _ => true,
        };
    }

    /// <summary>The URL's host when it names a refused address outright (an IP literal or localhost); null otherwise.</summary>
    public static string? RefusedHost(Uri url) =>
        url.IsLoopback || url.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(url.DnsSafeHost, out var literal) && !IsPublic(literal))
            ? url.Host
            : null;

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to public addresses of the host: every
    /// resolved address is checked and the first allowed one used. <paramref name="exempt"/> names hosts the operator
    /// placed on a private network on purpose.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connector(string purpose, Func<string, bool>? exempt = null) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = exempt?.Invoke(host) == true ? addresses.ToList() : addresses.Where(IsPublic).ToList();
            if (allowed.Count == 0)
                throw new AddressNotAllowedException($"{host} resolves only to private or reserved addresses, which {purpose} may not use.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(allowed[0], context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}

/// <summary>A connection was refused before it was made, because of where it would have gone.</summary>
public sealed class AddressNotAllowedException(string message) : Exception(message);
