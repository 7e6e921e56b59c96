namespace GemScheduling.Greenhouse;

/// <summary>A Greenhouse user: an interviewer, a coordinator, the acting organizer.</summary>
[GenerateSerializer, Immutable, Alias("gs.user")]
public sealed record GreenhouseUser(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? FirstName,
    [property: Id(3)] string? LastName,
    [property: Id(4)] string? PrimaryEmail,
    [property: Id(5)] IReadOnlyList<string> Emails,
    [property: Id(6)] string? EmployeeId,
    [property: Id(7)] bool Disabled,
    [property: Id(8)] bool SiteAdmin,
    [property: Id(9)] DateTimeOffset? UpdatedAt);
