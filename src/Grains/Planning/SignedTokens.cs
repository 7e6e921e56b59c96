using System.Security.Cryptography;
using System.Text.Json;
using GemScheduling.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace GemScheduling.Planning;

/// <summary>
/// Tokens a candidate carries in a link: a JSON payload and its HMAC-SHA256 under a key derived from the master key for
/// one purpose, so a token cannot be forged or used for another kind of link. Tokens signed under a previous master key
/// keep working until they expire, so rotating the master key does not cut candidates off.
/// </summary>
public sealed class SignedTokens<TPayload>(CredentialProtector protector, string purpose)
{
    private const int MaxLength = 1000;
    private readonly IReadOnlyList<byte[]> _keys = protector.DeriveKeys(purpose);

    public string Sign(TPayload payload)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload);
        return WebEncoders.Base64UrlEncode(bytes) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_keys[0], bytes));
    }

    /// <summary>The payload of a genuine token; null for anything else.</summary>
    public TPayload? Open(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || token.Length > MaxLength)
            return default;
        try
        {
            var payload = WebEncoders.Base64UrlDecode(token[..dot]);
            var signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
            return _keys.Any(key => CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload)))
                ? JsonSerializer.Deserialize<TPayload>(payload)
                : default;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return default;
        }
    }
}
