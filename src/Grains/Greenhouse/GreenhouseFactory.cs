using System.Text.Json;
using GemScheduling.Harvest;
using GemScheduling.Orgs;
using GemScheduling.Security;
using GemScheduling.Sync;

namespace GemScheduling.Greenhouse;

/// <summary>Builds an org's <see cref="IGreenhouse"/>, decrypting its credential only for the call at hand.</summary>
public sealed class GreenhouseFactory(
    HarvestClientFactory harvest, CredentialProtector protector, PermissionVerifier verifier, V3PermissionVerifier v3Verifier, SyncOptions sync)
    : IGreenhouseFactory
{
    public IGreenhouse For(GreenhouseAccess access, HarvestLane readLane = HarvestLane.Interactive) =>
        For(access.OrgId, access.ApiVersion, new Uri(access.BaseUrl), Decrypt(access.OrgId, access.EncryptedCredential), access.Organizer.UserId, readLane);

    public IGreenhouse For(string orgId, string apiVersion, Uri baseUrl, GreenhouseCredential credential, long? actingUserId, HarvestLane readLane = HarvestLane.Interactive) =>
        apiVersion switch
        {
            "v1" => new V1Greenhouse(harvest.CreateV1(new HarvestConnection(orgId, baseUrl, credential.ApiKey!), readLane), verifier, sync.PageSize),
            "v3" => new V3Greenhouse(harvest.CreateV3(HarvestConnection.ForV3(orgId, baseUrl, new OAuthClientCredentials(
                credential.ClientId!, credential.ClientSecret!, credential.TokenUrl ?? DefaultTokenUrl(baseUrl))), readLane), v3Verifier, sync.PageSize),
            _ => throw new ValidationFailedException("apiVersion", $"Harvest {apiVersion} is not supported by this version of GemScheduling."),
        };

    /// <summary>
    /// Greenhouse's own token endpoint for Greenhouse's Harvest; anywhere else (a Harvest sandbox, a proxy) the
    /// token endpoint is assumed to live beside the API at <c>auth/token</c>, unless the connection names one.
    /// </summary>
    public static Uri DefaultTokenUrl(Uri baseUrl) =>
        baseUrl.Host.Equals(HarvestConnection.GreenhouseHarvest.Host, StringComparison.OrdinalIgnoreCase)
            ? OAuthClientCredentials.GreenhouseTokenUrl
            : new Uri(baseUrl, "auth/token");

    /// <summary>What is stored, encrypted: a v1 key as it is, v3 client credentials as JSON.</summary>
    public string Encrypt(string orgId, GreenhouseCredential credential) =>
        protector.Protect(orgId, credential.ApiKey ?? JsonSerializer.Serialize(new StoredClientCredentials(credential.ClientId!, credential.ClientSecret!, credential.TokenUrl?.ToString())));

    public GreenhouseCredential Decrypt(string orgId, string encrypted)
    {
        var secret = protector.Unprotect(orgId, encrypted);
        if (!secret.StartsWith('{'))
            return new GreenhouseCredential(secret, null, null, null);
        var stored = JsonSerializer.Deserialize<StoredClientCredentials>(secret)!;
        return new GreenhouseCredential(null, stored.ClientId, stored.ClientSecret, stored.TokenUrl is null ? null : new Uri(stored.TokenUrl));
    }

    private sealed record StoredClientCredentials(string ClientId, string ClientSecret, string? TokenUrl);
}
