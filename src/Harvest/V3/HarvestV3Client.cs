using GemScheduling.Harvest.Http;

namespace GemScheduling.Harvest.V3;

/// <summary>One org's Harvest v3 client: OAuth bearer tokens per acting user, cursor Links followed exactly as given.</summary>
public sealed class HarvestV3Client(IHarvestV3Api api, HttpClient http, HarvestClientOptions? options = null) : HarvestClient<IHarvestV3Api>(api, http, options)
{
    protected override string ActingUserHeader => HarvestV3AuthHandler.ActingUser;
}
