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

    public static bool TryParse(string token, out string orgId, out string tokenId, out string secret)
    {
        orgId = tokenId = secret = "";
        var parts = token.Split('.');
        if (parts is not ["gs", { Length: > 0 } org, { Length: > 0 } id, { Length: > 0 } s] || !org.StartsWith("org_", StringComparison.Ordinal))
            return false;
        (orgId, tokenId, secret) = (org, id, s);
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
