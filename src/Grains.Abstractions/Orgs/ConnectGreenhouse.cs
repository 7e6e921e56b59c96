namespace GemScheduling.Orgs;

/// <summary>
/// Connect (or rotate) an org's Greenhouse credential; omitted members keep their current values, except that the
/// secret must be given again whenever the version, the base URL, the token URL or the client changes. v1 takes a
/// Harvest API key; v3 takes OAuth client credentials, and optionally the email of the Greenhouse user to read as
/// (an empty string goes back to the credential's Integration Service User).
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.connect-greenhouse")]
public sealed record ConnectGreenhouse(
    [property: Id(0)] string? ApiVersion,
    [property: Id(1)] string? BaseUrl,
    [property: Id(2)] string? ApiKey,
    [property: Id(3)] string? OrganizerEmail,
    [property: Id(4)] string? ClientId = null,
    [property: Id(5)] string? ClientSecret = null,
    [property: Id(6)] string? TokenUrl = null,
    [property: Id(7)] string? ReaderEmail = null)
{
    public override string ToString() =>
        $"ConnectGreenhouse {{ ApiVersion = {ApiVersion}, BaseUrl = {BaseUrl}, ApiKey = {(ApiKey is null ? "null" : "***")}, OrganizerEmail = {OrganizerEmail}, " +
        $"ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "null" : "***")}, TokenUrl = {TokenUrl}, ReaderEmail = {ReaderEmail} }}";
}
