namespace GemScheduling.Orgs;

/// <summary>The result of checking a Greenhouse credential, permission by permission, without changing anything.</summary>
[GenerateSerializer, Immutable, Alias("gs.permission-report")]
public sealed record PermissionReport(
    [property: Id(0)] string Key,
    [property: Id(1)] string? KeyProblem,
    [property: Id(2)] DateTimeOffset CheckedAt,
    [property: Id(3)] IReadOnlyList<PermissionCheck> Permissions)
{
    public const string Valid = "valid";
    public const string Invalid = "invalid";
    public const string Unreachable = "unreachable";

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> Missing => Permissions.Where(p => p.Status == PermissionCheck.Missing).Select(p => p.Id);
}

[GenerateSerializer, Immutable, Alias("gs.permission-check")]
public sealed record PermissionCheck(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] string UsedFor,
    [property: Id(4)] IReadOnlyList<string> FeaturesAffected,
    [property: Id(5)] string HowToGrant,
    [property: Id(6)] string? Detail)
{
    public const string Granted = "granted";
    public const string Missing = "missing";
    public const string Unknown = "unknown";
}
