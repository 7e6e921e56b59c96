namespace GemScheduling.Schedules;

/// <summary>A rendered email: what is sent to the candidate and, word for word, what is logged to Greenhouse.</summary>
[GenerateSerializer, Immutable, Alias("gs.email-message")]
public sealed record EmailMessage(
    [property: Id(0)] string EmailId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string To,
    [property: Id(3)] string From,
    [property: Id(4)] IReadOnlyList<string> Cc,
    [property: Id(5)] string Subject,
    [property: Id(6)] string Body,
    [property: Id(7)] string? Ics);
