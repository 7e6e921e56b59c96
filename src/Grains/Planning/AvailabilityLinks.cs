using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GemScheduling.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace GemScheduling.Planning;

/// <summary>What a candidate's availability link grants: one application of one org, until it expires.</summary>
public sealed record AvailabilityLink(string OrgId, long ApplicationId, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs and checks the links candidates use to submit availability without an account: the token carries the org,
/// the application and the expiry, and an HMAC-SHA256 under a key derived from the master key, so it cannot be forged
/// or pointed at another application.
/// </summary>
public sealed class AvailabilityLinks(CredentialProtector protector, TimeProvider time)
{
    private readonly byte[] _key = protector.DeriveKey("gemscheduling/availability-links/v1");

    public string Issue(AvailabilityLink link)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(link.OrgId, link.ApplicationId, link.ExpiresAt.ToUnixTimeSeconds()));
        return WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, payload));
    }

    /// <summary>The link, when the token is genuine; <paramref name="expired"/> tells a genuine but lapsed link apart.</summary>
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
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
                return null;
            var decoded = JsonSerializer.Deserialize<Payload>(payload)!;
            var link = new AvailabilityLink(decoded.O, decoded.A, DateTimeOffset.FromUnixTimeSeconds(decoded.E));
            expired = link.ExpiresAt <= time.GetUtcNow();
            return link;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record Payload(string O, long A, long E);
}
