namespace GemScheduling.Harvest.Http;

/// <summary>Per-request facts the shared handler pipeline needs: which org, which credential, which lane.</summary>
public static class HarvestRequestOptions
{
    public static readonly HttpRequestOptionsKey<HarvestConnection> Connection = new("harvest.connection");
    public static readonly HttpRequestOptionsKey<HarvestLane> Lane = new("harvest.lane");

    public static HarvestConnection GetConnection(this HttpRequestMessage request) =>
        request.Options.TryGetValue(Connection, out var connection)
            ? connection
            : throw new InvalidOperationException("A Harvest request was sent without its connection.");

    public static HarvestLane GetLane(this HttpRequestMessage request) =>
        request.Options.TryGetValue(Lane, out var lane) ? lane : HarvestLane.Interactive;

    public static bool IsWrite(this HttpRequestMessage request) => request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
}
