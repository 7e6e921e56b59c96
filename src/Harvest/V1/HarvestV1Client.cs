namespace GemScheduling.Harvest.V1;

/// <summary>One org's Harvest v1/v2 client: API key, On-Behalf-Of, page-number Link headers.</summary>
public sealed class HarvestV1Client(IHarvestV1Api api, HttpClient http, HarvestClientOptions? options = null) : HarvestClient<IHarvestV1Api>(api, http, options);
