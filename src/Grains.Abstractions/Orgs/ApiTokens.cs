using System.Security.Cryptography;
using System.Text;

namespace GemScheduling.Orgs;

/// <summary>
/// API tokens look like <c>gs.{orgId}.{tokenId}.{secret}</c>: the org and token ids say which grain checks them, the
/// 256-bit secret is random and only its SHA-256 is stored (a slow hash buys nothing for a random secret).
/// </summary>
public static class ApiTokens
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string NewOrgId() => "org_" + RandomId(16);

    public static string RandomId(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string RandomSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Format(string orgId, string tokenId, string secret) => $"gs.{orgId}.{tokenId}.{secret}";

    /// <summary>True for ids <see cref="NewOrgId"/> makes: a bearer value naming anything else is refused before any lookup.</summary>
    public static bool IsOrgId(string value) => IsId(value, "org_", 16);

    public static bool IsTokenId(string value) => IsId(value, "tok_", 12);

    public static bool TryParse(string token, out string orgId, out string tokenId, out string secret)
    {
        orgId = tokenId = secret = "";
        if (token.Length > 120)
            return false;
        var parts = token.Split('.');
        if (parts is not ["gs", var org, var id, { Length: 43 } s] || !IsOrgId(org) || !IsTokenId(id) || !s.All(IsBase64Url))
            return false;
        (orgId, tokenId, secret) = (org, id, s);
        return true;
    }

    private static bool IsId(string value, string prefix, int length) =>
        value.Length == prefix.Length + length && value.StartsWith(prefix, StringComparison.Ordinal) && value.AsSpan(prefix.Length).IndexOfAnyExcept(Alphabet) < 0;

    private static bool IsBase64Url(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_';

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
