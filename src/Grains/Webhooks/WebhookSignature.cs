using System.Security.Cryptography;
using System.Text;

namespace GemScheduling.Webhooks;

/// <summary>
/// Greenhouse signs the raw body: <c>Signature: sha256 &lt;hex HMAC-SHA256 under the secret&gt;</c>. The check runs
/// over the bytes as received (a re-serialized body, even with other whitespace, does not verify) and compares in
/// constant time.
/// </summary>
public static class WebhookSignature
{
    private const string Scheme = "sha256 ";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var hex = header.AsSpan(Scheme.Length).Trim();
        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (hex.Length != claimed.Length * 2 || Convert.FromHexString(hex, claimed, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != claimed.Length)
            return false;
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, actual);
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }
}
