using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GemScheduling.HarvestSandbox.OAuth;

/// <summary>
/// The sandbox's OAuth authority for Harvest v3: the client registry, token minting and verification, and the
/// signing of opaque v3 cursors. Access tokens are JWT-shaped (<c>header.payload.signature</c>, HS256 with a key
/// made when the sandbox starts), carrying org, client id, sub, scopes and expiry; every token is also recorded,
/// so a token can be revoked and its exact (sub-second) expiry enforced.
/// </summary>
internal sealed class V3Auth
{
    private const string Issuer = "https://harvest-sandbox.invalid/auth";
    private const int TokenRegistryPruneThreshold = 20_000;
    private static readonly string HeaderSegment = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT","kid":"harvest-sandbox"}"""u8);

    private readonly byte[] _tokenKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _cursorKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, V3CredentialEntry> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, V3TokenEntry> _tokens = new(StringComparer.Ordinal);

    public void RegisterClient(V3CredentialEntry entry)
    {
        if (!_clients.TryAdd(entry.ClientId, entry))
        {
            throw new InvalidOperationException("Duplicate v3 client id.");
        }
    }

    public V3CredentialEntry? FindClient(string clientId) => _clients.GetValueOrDefault(clientId);

    public V3TokenEntry Mint(V3CredentialEntry credential, long sub, DateTimeOffset now, TimeSpan lifetime)
    {
        var tokenId = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var expiresAt = now + lifetime;
        var payload = new MemoryStream();
        using (var w = new Utf8JsonWriter(payload))
        {
            w.WriteStartObject();
            w.WriteString("iss", Issuer);
            w.WriteString("aud", "harvest");
            w.WriteString("sub", sub.ToString(CultureInfo.InvariantCulture));
            w.WriteString("org", credential.Organization.Id);
            w.WriteString("client_id", credential.ClientId);
            w.WriteString("scope", string.Join(' ', HarvestV3Scopes.AllIds.Where(credential.Scopes.Contains)));
            w.WriteNumber("iat", now.ToUnixTimeSeconds());
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteString("jti", tokenId);
            w.WriteEndObject();
        }

        var signingInput = HeaderSegment + "." + Base64Url.EncodeToString(payload.ToArray());
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(_tokenKey, Encoding.ASCII.GetBytes(signingInput)));
        var entry = new V3TokenEntry
        {
            TokenId = tokenId,
            Credential = credential,
            Sub = sub,
            Scopes = credential.Scopes,
            IssuedAt = now,
            ExpiresAt = expiresAt,
            AccessToken = signingInput + "." + signature,
        };
        if (_tokens.Count >= TokenRegistryPruneThreshold)
        {
            Prune(now);
        }

        _tokens[tokenId] = entry;
        return entry;
    }

    public V3TokenEntry? FindToken(string tokenId) => _tokens.GetValueOrDefault(tokenId);

    /// <summary>
    /// Reads <c>Authorization: Bearer &lt;jwt&gt;</c>: the signature must verify and the token must have been issued
    /// here. Expiry and revocation are checked by the caller (after rate limiting, which needs the client id).
    /// </summary>
    public V3TokenEntry? Authenticate(string? authorization, DateTimeOffset now, out string failure)
    {
        failure = "Missing bearer token";
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        failure = "Invalid access token";
        var token = authorization[7..].Trim();
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_tokenKey, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        byte[] given;
        try
        {
            given = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return null;
        }

        string? tokenId;
        long exp;
        try
        {
            using var doc = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            tokenId = doc.RootElement.GetProperty("jti").GetString();
            exp = doc.RootElement.GetProperty("exp").GetInt64();
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }

        if (tokenId is not null && _tokens.TryGetValue(tokenId, out var entry))
        {
            return entry;
        }

        // Signed here but pruned from the registry: only expired tokens are pruned.
        failure = exp <= now.ToUnixTimeSeconds() ? "Access token expired" : "Invalid access token";
        return null;
    }

    /// <summary>An opaque, tamper-evident string for a v3 cursor: base64url(payload) "." base64url(mac).</summary>
    public string Protect(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var mac = HMACSHA256.HashData(_cursorKey, bytes).AsSpan(0, 16);
        return Base64Url.EncodeToString(bytes) + "." + Base64Url.EncodeToString(mac);
    }

    public string? Unprotect(string text)
    {
        var dot = text.IndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(text.AsSpan(0, dot));
            var mac = Base64Url.DecodeFromChars(text.AsSpan(dot + 1));
            var expected = HMACSHA256.HashData(_cursorKey, bytes).AsSpan(0, 16);
            return CryptographicOperations.FixedTimeEquals(expected, mac) ? Encoding.UTF8.GetString(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, entry) in _tokens)
        {
            if (entry.ExpiresAt < now)
            {
                _tokens.TryRemove(id, out _);
            }
        }
    }
}
