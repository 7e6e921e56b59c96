namespace GemScheduling.HarvestSandbox;

/// <summary>
/// A Harvest v3 OAuth client of an organization ("Harvest V3 (OAuth)" credentials in the Dev Center, docs/HARVEST-CONTRACT.md §11).
/// <c>var (clientId, clientSecret) = org.CreateV3Credentials();</c>
/// </summary>
public sealed record SandboxV3Credentials(
    string ClientId,
    string ClientSecret,
    string OrganizationId,
    string? Description,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;

    /// <summary>Rotated-out secrets that are still accepted, with the end of their grace period.</summary>
    public IReadOnlyList<SandboxV3PreviousSecret> PreviousSecrets { get; init; } = [];

    public void Deconstruct(out string clientId, out string clientSecret)
    {
        clientId = ClientId;
        clientSecret = ClientSecret;
    }
}

public sealed record SandboxV3PreviousSecret(string Secret, DateTimeOffset ValidUntil);

/// <summary>An access token the sandbox issued (sandbox clock times; <see cref="AccessToken"/> is the JWT itself).</summary>
public sealed record SandboxV3Token(
    string TokenId,
    string ClientId,
    long Sub,
    IReadOnlyList<string> Scopes,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string AccessToken,
    DateTimeOffset? RevokedAt);
