using System.Text.Json;
using GemScheduling.Harvest;
using GemScheduling.Harvest.Http;
using GemScheduling.Orgs;
using GemScheduling.Security;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Builds an org's <see cref="IGreenhouse"/>, decrypting its credential only for the call at hand. A credential is
/// stored with the origin it was entered for, and is never used against another one.
/// </summary>
public sealed class GreenhouseFactory(HarvestClientFactory harvest, CredentialProtector protector, TimeProvider time, GreenhouseOptions options)
    : IGreenhouseFactory
{
    private readonly PermissionVerifier _verifier = new(time);
    private readonly V3PermissionVerifier _v3Verifier = new(time);

    public IGreenhouse For(GreenhouseAccess access, GreenhouseLane readLane = GreenhouseLane.Interactive)
    {
        var baseUrl = new Uri(access.BaseUrl);
        var credential = Decrypt(access.OrgId, access.EncryptedCredential);
        if (credential.Origin is { } origin && !GreenhouseHostPolicy.SameOrigin(origin, baseUrl))
            throw new GreenhouseException(GreenhouseFailure.HostNotAllowed,
                $"The stored credential was entered for {origin.Host}; it is never sent to {baseUrl.Host}. Connect again with the credential.");
        return For(access.OrgId, access.ApiVersion, baseUrl, credential, readLane,
            new V3Reach(access.ReaderUserId, access.MissingPermissions.ToHashSet(StringComparer.Ordinal)));
    }

    /// <summary>For connecting: a credential that is not stored yet (and reads that may use every scope).</summary>
    internal IGreenhouse For(string orgId, HarvestApiVersion apiVersion, Uri baseUrl, GreenhouseCredential credential, GreenhouseLane readLane = GreenhouseLane.Interactive,
        V3Reach? reach = null)
    {
        var lane = (HarvestLane)readLane;
        reach ??= V3Reach.Everything;
        IGreenhouse adapter = apiVersion switch
        {
            HarvestApiVersion.V1 => new V1Greenhouse(harvest.CreateV1(new HarvestConnection(orgId, baseUrl, credential.ApiKey!), lane), _verifier, options),
            HarvestApiVersion.V3 => new V3Greenhouse(harvest.CreateV3(HarvestConnection.ForV3(orgId, baseUrl, new OAuthClientCredentials(
                credential.ClientId!, credential.ClientSecret!, credential.TokenUrl ?? DefaultTokenUrl(baseUrl)), reach.ReaderUserId), lane), _v3Verifier, options, reach),
            _ => throw new ValidationFailedException("apiVersion", $"Harvest {apiVersion.Wire()} is not supported by this version of GemScheduling."),
        };
        return new TranslatingGreenhouse(adapter);
    }

    /// <summary>
    /// Greenhouse's own token endpoint for Greenhouse's Harvest; anywhere else (a Harvest sandbox, a proxy) the
    /// token endpoint is assumed to live beside the API at <c>auth/token</c>, unless the connection names one.
    /// </summary>
    public static Uri DefaultTokenUrl(Uri baseUrl) =>
        baseUrl.Host.Equals(HarvestConnection.GreenhouseHarvest.Host, StringComparison.OrdinalIgnoreCase)
            ? OAuthClientCredentials.GreenhouseTokenUrl
            : new Uri(baseUrl, "auth/token");

    /// <summary>What is stored, encrypted: the secret with the origin (and, for v3, the token URL) it was entered for.</summary>
    internal string Encrypt(string orgId, GreenhouseCredential credential) =>
        protector.Protect(orgId, JsonSerializer.Serialize(new StoredCredential(
            credential.ApiKey, credential.ClientId, credential.ClientSecret, credential.TokenUrl?.ToString(), credential.Origin?.GetLeftPart(UriPartial.Authority))));

    /// <summary>Reads what <see cref="Encrypt"/> stored, and older forms: a bare v1 key, v3 JSON without an origin.</summary>
    internal GreenhouseCredential Decrypt(string orgId, string encrypted)
    {
        var secret = protector.Unprotect(orgId, encrypted);
        if (!secret.StartsWith('{'))
            return new GreenhouseCredential(secret, null, null, null);
        var stored = JsonSerializer.Deserialize<StoredCredential>(secret)!;
        return new GreenhouseCredential(stored.ApiKey, stored.ClientId, stored.ClientSecret, stored.TokenUrl is null ? null : new Uri(stored.TokenUrl),
            stored.Origin is null ? null : new Uri(stored.Origin));
    }

    private sealed record StoredCredential(string? ApiKey, string? ClientId, string? ClientSecret, string? TokenUrl, string? Origin);
}
