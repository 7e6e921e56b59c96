using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace GemScheduling.Security;

/// <summary>
/// Encrypts Greenhouse credentials at rest with AES-256-GCM under a master key that comes from configuration
/// (<c>Secrets:MasterKey</c>, base64 of 32 bytes) and never sits in the database. The org id is the associated data,
/// so a ciphertext copied to another org does not decrypt. Older master keys (<c>Secrets:PreviousMasterKeys</c>) still
/// decrypt, so the master key can be rotated.
/// </summary>
public sealed class CredentialProtector
{
    private const string Scheme = "gsenc1";
    private readonly (string Id, byte[] Key) _active;
    private readonly Dictionary<string, byte[]> _keys;

    public CredentialProtector(byte[] masterKey, IEnumerable<byte[]>? previousKeys = null)
    {
        if (masterKey.Length != 32)
            throw new ArgumentException("The master key must be 32 bytes.", nameof(masterKey));
        _active = (KeyId(masterKey), masterKey);
        _keys = (previousKeys ?? []).Prepend(masterKey).DistinctBy(KeyId).ToDictionary(KeyId);
    }

    /// <summary>True when the master key was generated for this process only (the embedded default).</summary>
    public bool IsEphemeral { get; private init; }

    public static CredentialProtector FromConfiguration(IConfiguration configuration, bool allowEphemeral)
    {
        var configured = configuration["Secrets:MasterKey"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!allowEphemeral)
                throw new InvalidOperationException(
                    "Secrets:MasterKey (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) is required when GemScheduling stores data in PostgreSQL.");
            return new CredentialProtector(RandomNumberGenerator.GetBytes(32)) { IsEphemeral = true };
        }

        var previous = configuration.GetSection("Secrets:PreviousMasterKeys").GetChildren().Select(c => Decode(c.Value!)).ToList();
        return new CredentialProtector(Decode(configured), previous);
    }

    /// <summary>A key for another purpose (e.g. signing availability links), derived from the active master key with HKDF.</summary>
    public byte[] DeriveKey(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _active.Key, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>The purpose's key under every configured master key, the active one first: what it signed before a rotation still checks.</summary>
    public IReadOnlyList<byte[]> DeriveKeys(string purpose) =>
        _keys.Values.OrderBy(k => k == _active.Key ? 0 : 1)
            .Select(k => HKDF.DeriveKey(HashAlgorithmName.SHA256, k, 32, info: Encoding.UTF8.GetBytes(purpose))).ToList();

    public string Protect(string orgId, string secret)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(secret);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(_active.Key, tag.Length))
            aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(orgId));
        return $"{Scheme}:{_active.Id}:{Convert.ToBase64String([.. nonce, .. tag, .. cipher])}";
    }

    public string Unprotect(string orgId, string protectedValue)
    {
        var parts = protectedValue.Split(':');
        if (parts.Length != 3 || parts[0] != Scheme)
            throw new CryptographicException("Not a GemScheduling-encrypted credential.");
        if (!_keys.TryGetValue(parts[1], out var key))
            throw new CryptographicException($"The credential was encrypted with master key {parts[1]}, which is not configured.");
        var blob = Convert.FromBase64String(parts[2]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[blob.Length - nonceSize - tagSize];
        using (var aes = new AesGcm(key, tagSize))
            aes.Decrypt(blob.AsSpan(0, nonceSize), blob.AsSpan(nonceSize + tagSize), blob.AsSpan(nonceSize, tagSize), plain, Encoding.UTF8.GetBytes(orgId));
        return Encoding.UTF8.GetString(plain);
    }

    private static string KeyId(byte[] key) => Convert.ToHexString(SHA256.HashData(key))[..8].ToLowerInvariant();

    /// <summary>True for what a master key setting must hold: base64 of exactly 32 bytes.</summary>
    public static bool IsMasterKey(string? base64)
    {
        var bytes = new byte[64];
        return base64 is not null && Convert.TryFromBase64String(base64.Trim(), bytes, out var written) && written == 32;
    }

    private static byte[] Decode(string base64) =>
        IsMasterKey(base64) ? Convert.FromBase64String(base64.Trim()) : throw new InvalidOperationException("Secrets master keys must be base64 of exactly 32 bytes.");
}
