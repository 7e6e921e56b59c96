using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace GemScheduling.HarvestSandbox.OAuth;

/// <summary>
/// A Harvest v3 OAuth client (Client Credentials flow, docs/HARVEST-CONTRACT.md §11) as the sandbox sees it. Belongs to one
/// organization. Mutable parts are guarded by <see cref="Gate"/>.
/// </summary>
internal sealed class V3CredentialEntry
{
    public Lock Gate { get; } = new();
    public required string ClientId { get; init; }
    public required SandboxOrganization Organization { get; init; }
    public string? Description { get; init; }
    public required FrozenSet<string> Scopes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The current secret is last; earlier ones carry the end of their rotation grace period.</summary>
    public List<V3Secret> Secrets { get; } = [];

    public int Rotations { get; set; }

    public bool Revoked
    {
        get
        {
            lock (Gate)
            {
                return RevokedAt is not null;
            }
        }
    }

    /// <summary>The current secret, or one still inside its rotation grace period (constant-time comparisons).</summary>
    public bool Accepts(string secret, DateTimeOffset now)
    {
        var given = Encoding.UTF8.GetBytes(secret);
        var ok = false;
        lock (Gate)
        {
            if (RevokedAt is not null)
            {
                return false;
            }

            foreach (var s in Secrets)
            {
                var match = CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(s.Secret));
                ok |= match && (s.ValidUntil is null || now < s.ValidUntil);
            }
        }

        return ok;
    }

    public SandboxV3Credentials Snapshot(DateTimeOffset now)
    {
        lock (Gate)
        {
            return new SandboxV3Credentials(ClientId, Secrets[^1].Secret, Organization.Id, Description,
                HarvestV3Scopes.AllIds.Where(Scopes.Contains).ToArray(), CreatedAt, RevokedAt)
            {
                PreviousSecrets = Secrets.Take(Secrets.Count - 1)
                    .Where(s => s.ValidUntil > now)
                    .Select(s => new SandboxV3PreviousSecret(s.Secret, s.ValidUntil!.Value))
                    .ToArray(),
            };
        }
    }
}

internal sealed record V3Secret(string Secret, DateTimeOffset CreatedAt, DateTimeOffset? ValidUntil);

/// <summary>One issued access token (every one is recorded; admin read-back through <see cref="SandboxOrganization.V3Tokens"/>).</summary>
internal sealed class V3TokenEntry
{
    public required string TokenId { get; init; }
    public required V3CredentialEntry Credential { get; init; }
    public required long Sub { get; init; }
    public required FrozenSet<string> Scopes { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required string AccessToken { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }

    public SandboxOrganization Organization => Credential.Organization;

    public SandboxV3Token Snapshot() =>
        new(TokenId, Credential.ClientId, Sub, HarvestV3Scopes.AllIds.Where(Scopes.Contains).ToArray(), IssuedAt, ExpiresAt,
            AccessToken, RevokedAt);
}
