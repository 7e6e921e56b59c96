namespace GemScheduling.Harvest;

/// <summary>
/// Where and as whom an org talks to Harvest. The key is held only in memory and never written to logs:
/// <see cref="ToString"/> masks it.
/// </summary>
public sealed record HarvestConnection(string OrgId, Uri BaseUrl, string ApiKey)
{
    public static readonly Uri GreenhouseHarvest = new("https://harvest.greenhouse.io/");

    /// <summary>The key all of this org's calls share a rate budget under.</summary>
    public string BudgetKey => OrgId;

    public override string ToString() => $"HarvestConnection {{ OrgId = {OrgId}, BaseUrl = {BaseUrl}, ApiKey = ****{Last4(ApiKey)} }}";

    public static string Last4(string secret) => secret.Length <= 4 ? new string('*', secret.Length) : secret[^4..];
}

/// <summary>Who waits for whom when the rate budget is tight: writes first, then interactive reads, then background sync.</summary>
public enum HarvestLane
{
    Write = 0,
    Interactive = 1,
    Background = 2,
}
