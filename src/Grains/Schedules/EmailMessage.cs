namespace GemScheduling.Schedules;

/// <summary>
/// A rendered email: what is sent to the candidate or an interviewer and, for the candidate's, word for word what is
/// logged to Greenhouse. <see cref="Method"/> says whether its calendar part books or withdraws (null: none, or a
/// booking recorded before the method was kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.email-message")]
public sealed record EmailMessage(
    [property: Id(0)] string EmailId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string To,
    [property: Id(3)] string From,
    [property: Id(4)] IReadOnlyList<string> Cc,
    [property: Id(5)] string Subject,
    [property: Id(6)] string Body,
    [property: Id(7)] string? Ics,
    [property: Id(8)] CalendarMethod? Method = null);

/// <summary>The iCalendar METHOD of an invitation (RFC 5546): book or update, or withdraw.</summary>
[GenerateSerializer, Alias("gs.calendar-method")]
public enum CalendarMethod
{
    Request,
    Cancel,
}
