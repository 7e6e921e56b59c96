using System.Security.Cryptography;
using System.Text.Json;
using GemScheduling.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace GemScheduling.Planning;

/// <summary>
/// Signs and checks the links candidates use to submit availability without an account: the token carries the org,
/// the application, the link id and the expiry, and an HMAC-SHA256 under a key derived from the master key, so it
/// cannot be forged or pointed at another application. Links signed under a previous master key keep working until
/// they expire, so rotating the master key does not cut candidates off.
/// </summary>
public sealed class AvailabilityLinks(CredentialProtector protector, TimeProvider time) : IAvailabilityLinkSigner
{
    private const string Purpose = "gemscheduling/availability-links/v1";
    private readonly IReadOnlyList<byte[]> _keys = protector.DeriveKeys(Purpose);

    public string Issue(AvailabilityLink link)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(link.OrgId, link.ApplicationId, link.ExpiresAt.ToUnixTimeSeconds(), link.LinkId));
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_keys[0], payload));
    }

    public AvailabilityLink? Read(string token, out bool expired)
    {
        expired = false;
        var dot = token.IndexOf('.');
        if (dot <= 0 || token.Length > 1000)
            return null;
        try
        {
            var payload = WebEncoders.Base64UrlDecode(token[..dot]);
            var signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
            if (!_keys.Any(key => CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload))))
                return null;
            var decoded = JsonSerializer.Deserialize<Payload>(payload)!;
            var link = new AvailabilityLink(decoded.O, decoded.A, DateTimeOffset.FromUnixTimeSeconds(decoded.E), decoded.L);
            expired = link.ExpiresAt <= time.GetUtcNow();
            return link;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private sealed record Payload(string O, long A, long E, string? L = null);
}
