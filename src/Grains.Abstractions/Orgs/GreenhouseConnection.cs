using GemScheduling.Greenhouse;

namespace GemScheduling.Orgs;

/// <summary>A verified connection, ready to store: the credential already encrypted for this org.</summary>
[GenerateSerializer, Immutable, Alias("gs.greenhouse-connection")]
public sealed record GreenhouseConnection(
    [property: Id(0)] HarvestApiVersion ApiVersion,
    [property: Id(1)] string BaseUrl,
    [property: Id(2)] string EncryptedCredential,
    [property: Id(3)] string CredentialLast4,
    [property: Id(4)] ActingUser Organizer,
    [property: Id(5)] PermissionReport Verification,
    [property: Id(6)] ActingUser? Reader = null);

/// <summary>
/// A Greenhouse user GemScheduling acts as: the organizer of interviews (every write's On-Behalf-Of unless a request
/// names another), or, on v3, the reader whose token reads (instead of the Integration Service User).
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.acting-user")]
public sealed record ActingUser([property: Id(0)] long UserId, [property: Id(1)] string Email, [property: Id(2)] string? Name);

[GenerateSerializer, Immutable, Alias("gs.greenhouse-connection-view")]
public sealed record GreenhouseConnectionView(
    [property: Id(0)] HarvestApiVersion ApiVersion,
    [property: Id(1)] string BaseUrl,
    [property: Id(2)] string CredentialLast4,
    [property: Id(3)] ActingUser Organizer,
    [property: Id(4)] DateTimeOffset ConnectedAt,
    [property: Id(5)] DateTimeOffset? RotatedAt,
    [property: Id(6)] PermissionReport LastVerification,
    [property: Id(7)] ActingUser? Reader = null);

/// <summary>Everything a grain needs to call Greenhouse for the org; decrypt the credential only where it is used.</summary>
[GenerateSerializer, Immutable, Alias("gs.greenhouse-access")]
public sealed record GreenhouseAccess(
    [property: Id(0)] string OrgId,
    [property: Id(1)] HarvestApiVersion ApiVersion,
    [property: Id(2)] string BaseUrl,
    [property: Id(3)] string EncryptedCredential,
    [property: Id(4)] ActingUser Organizer,
    [property: Id(5)] IReadOnlyList<string> MissingPermissions,
    [property: Id(6)] long? ReaderUserId = null);
