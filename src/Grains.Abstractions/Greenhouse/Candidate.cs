namespace GemScheduling.Greenhouse;

[GenerateSerializer, Immutable, Alias("gs.candidate")]
public sealed record Candidate(
    [property: Id(0)] long Id,
    [property: Id(1)] string? FirstName,
    [property: Id(2)] string? LastName,
    [property: Id(3)] IReadOnlyList<string> Emails,
    [property: Id(4)] string? Company,
    [property: Id(5)] string? Title,
    [property: Id(6)] bool IsPrivate,
    [property: Id(7)] DateTimeOffset? UpdatedAt,
    [property: Id(8)] DateTimeOffset? LastActivity)
{
    public string DisplayName => $"{FirstName} {LastName}".Trim();
}
