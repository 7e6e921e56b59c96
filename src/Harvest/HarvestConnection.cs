namespace GemScheduling.Harvest;

/// <summary>
/// Where and as whom an org talks to Harvest: a v1/v2 API key, or (v3) OAuth client credentials. Secrets are held only
/// in memory and never written to logs: <see cref="ToString"/> masks them.
/// </summary>
public sealed record HarvestConnection(string OrgId, Uri BaseUrl, string ApiKey)
{
    public static readonly Uri GreenhouseHarvest = new("https://harvest.greenhouse.io/");

    /// <summary>Harvest v3 OAuth client credentials; null for a v1/v2 connection.</summary>
    public OAuthClientCredentials? OAuth { get; init; }

    public string ApiVersion => OAuth is null ? "v1" : "v3";

    /// <summary>v3: the Greenhouse user reads act as (the token's <c>sub</c>); null for the credential's Integration Service User.</summary>
    public long? ReaderUserId { get; init; }

    /// <summary>
    /// The key all of this org's calls share a rate budget under. v3 is limited per OAuth client on its own 30 s window,
    /// so it has a budget of its own.
    /// </summary>
    public string BudgetKey => BudgetKeyFor(OrgId, ApiVersion);

    public static string BudgetKeyFor(string orgId, string apiVersion) => apiVersion == "v3" ? $"{orgId}|v3" : orgId;

    /// <summary>v3 token requests are limited on a window of their own (60 s), apart from the API's.</summary>
    public static string TokenBudgetKeyFor(string orgId) => $"{orgId}|v3-token";

    public static HarvestConnection ForV3(string orgId, Uri baseUrl, OAuthClientCredentials credentials, long? readerUserId = null) =>
        new(orgId, baseUrl, "") { OAuth = credentials, ReaderUserId = readerUserId };

    public override string ToString() => OAuth is null
        ? $"HarvestConnection {{ OrgId = {OrgId}, BaseUrl = {BaseUrl}, ApiKey = ****{Last4(ApiKey)} }}"
        : $"HarvestConnection {{ OrgId = {OrgId}, BaseUrl = {BaseUrl}, {OAuth} }}";

    public static string Last4(string secret) => secret.Length <= 4 ? new string('*', secret.Length) : secret[^4..];
}

/// <summary>
/// A Harvest v3 "Harvest V3 (OAuth)" credential: the client id and secret for the Client Credentials grant, and the
/// token endpoint (https://auth.greenhouse.io/token for Greenhouse itself).
/// </summary>
public sealed record OAuthClientCredentials(string ClientId, string ClientSecret, Uri TokenUrl)
{
    public static readonly Uri GreenhouseTokenUrl = new("https://auth.greenhouse.io/token");

    public override string ToString() => $"OAuthClientCredentials {{ ClientId = {ClientId}, ClientSecret = ****{HarvestConnection.Last4(ClientSecret)}, TokenUrl = {TokenUrl} }}";
}

/// <summary>Who waits for whom when the rate budget is tight: writes first, then interactive reads, then background sync.</summary>
public enum HarvestLane
{
    Write = 0,
    Interactive = 1,
    Background = 2,
}
