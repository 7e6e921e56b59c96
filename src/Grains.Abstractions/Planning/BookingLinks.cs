using System.Text.Json.Serialization;
using GemScheduling.Schedules;

namespace GemScheduling.Planning;

/// <summary>One step of a loop a candidate books: how long, who may do it, and how many of them.</summary>
[GenerateSerializer, Immutable, Alias("gs.booking-step")]
public sealed record BookingStep(
    [property: Id(0)] long InterviewStepId,
    [property: Id(1)] int DurationMinutes,
    [property: Id(2)] IReadOnlyList<long> InterviewerPool,
    [property: Id(3)] int InterviewersNeeded,
    [property: Id(4)] string Name);

/// <summary>
/// What a coordinator offers a candidate to book on their own: the steps, the dates, how much notice the interviewers
/// need, the gap between interviews, and until when before the first interview the candidate may still move or cancel.
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.booking-plan")]
public sealed record BookingPlan(
    [property: Id(0)] long ApplicationId,
    [property: Id(1)] IReadOnlyList<BookingStep> Steps,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] int MinimumNoticeHours,
    [property: Id(5)] int BufferMinutes,
    [property: Id(6)] int ChangeCutoffHours,
    [property: Id(7)] string? Location,
    [property: Id(8)] string? VideoConferencingUrl);

[GenerateSerializer, Alias("gs.booking-link-status")]
public enum BookingLinkStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("booked")] Booked,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
    [JsonStringEnumMemberName("revoked")] Revoked,
    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>A booking link as its coordinator sees it. <see cref="ScheduleId"/> is the schedule a booking creates.</summary>
[GenerateSerializer, Immutable, Alias("gs.booking-link-view")]
public sealed record BookingLinkView(
    [property: Id(0)] string Id,
    [property: Id(1)] BookingPlan Plan,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] BookingLinkStatus Status,
    [property: Id(4)] string ScheduleId,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] string IssuedBy,
    [property: Id(7)] DateTimeOffset? BookedAt);

/// <summary>When a loop a candidate can book would start and end.</summary>
[GenerateSerializer, Immutable, Alias("gs.open-slot")]
public sealed record OpenSlot([property: Id(0)] DateTimeOffset Start, [property: Id(1)] DateTimeOffset End);

[GenerateSerializer, Alias("gs.booking-outcome")]
public enum BookingOutcome
{
    /// <summary>Booked, moved or cancelled as asked.</summary>
    [JsonStringEnumMemberName("done")] Done,

    /// <summary>The time is no longer open (someone else took an interviewer, or it came inside the notice).</summary>
    [JsonStringEnumMemberName("slot-taken")] SlotTaken,

    /// <summary>The link already booked a loop; it cannot book another.</summary>
    [JsonStringEnumMemberName("already-booked")] AlreadyBooked,

    /// <summary>The same booking asked again (a double submit, a retry after a lost answer): it stands, and is not made twice.</summary>
    [JsonStringEnumMemberName("repeated")] Repeated,

    /// <summary>GemScheduling cannot book or change it now (the application moved on, a permission is missing, the loop was changed by the recruiter).</summary>
    [JsonStringEnumMemberName("unavailable")] Unavailable,

    /// <summary>Too close to the first interview for the candidate to change it; the recruiter can.</summary>
    [JsonStringEnumMemberName("too-late")] TooLate,

    /// <summary>The link was revoked or expired, or the booking was cancelled.</summary>
    [JsonStringEnumMemberName("gone")] Gone,
}

[GenerateSerializer, Immutable, Alias("gs.booking-result")]
public sealed record BookingResult(
    [property: Id(0)] BookingOutcome Outcome,
    [property: Id(1)] BookingLinkView Link,
    [property: Id(2)] ScheduleView? Schedule);

/// <summary>
/// A candidate's self-scheduling link, event-sourced. Keyed <c>{orgId}/{linkId}</c>. It books, moves and cancels one
/// loop through the schedule grain (its validation, calendar holds and exactly-once Greenhouse writes), one request at a
/// time, so a double submit books once.
/// </summary>
[Alias("gs.booking-link")]
public interface IBookingLinkGrain : IGrainWithStringKey
{
    [Alias("issue")]
    Task<BookingLinkView> Issue(BookingPlan plan, DateTimeOffset expiresAt, string actor);

    /// <summary>Null when no link was issued under this key.</summary>
    [Alias("get")]
    Task<BookingLinkView?> Get();

    [Alias("revoke")]
    Task<BookingLinkView?> Revoke(string actor);

    /// <summary>
    /// The times a candidate can pick now: to book while the link is open, to move to once booked (the booking's own
    /// time does not count as busy). Empty otherwise. Read-only, so it runs beside a booking in progress.
    /// </summary>
    [Alias("open-slots"), Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<OpenSlot>> OpenSlots(string timeZone);

    /// <summary>Books the open loop that starts at <paramref name="start"/>, shown in <paramref name="timeZone"/>.</summary>
    [Alias("book")]
    Task<BookingResult> Book(DateTimeOffset start, string timeZone);

    /// <summary>Moves the booked loop to the open loop that starts at <paramref name="start"/>.</summary>
    [Alias("reschedule")]
    Task<BookingResult> Reschedule(DateTimeOffset start, string timeZone);

    [Alias("cancel")]
    Task<BookingResult> Cancel(string? reason);

    public static string Key(string orgId, string linkId) => $"{orgId}/{linkId}";
}

/// <summary>The links GemScheduling's emails carry, absolute under the public base URL the operator configured.</summary>
public interface IPublicLinks
{
    /// <summary>Where a candidate manages what they booked; a bearer secret, made only as the email is sent.</summary>
    string ManageUrl(string orgId, long applicationId, string bookingLinkId);

    /// <summary>The schedule's page in the coordinator console (it asks the reader to sign in).</summary>
    string SchedulePageUrl(string scheduleId);
}

public enum BookingTokenKind
{
    /// <summary>Opens the slots and books one.</summary>
    Book,

    /// <summary>Moves or cancels what was booked; sent in the confirmation email.</summary>
    Manage,
}

/// <summary>What a booking link's token grants: one link of one org, for booking or for managing the booking, until it expires.</summary>
public sealed record BookingToken(string OrgId, long ApplicationId, string LinkId, BookingTokenKind Kind, DateTimeOffset ExpiresAt);

/// <summary>Signs the tokens in candidates' booking and manage links and checks the ones they bring back.</summary>
public interface IBookingTokens
{
    string Issue(BookingToken token);

    /// <summary>The token's grant, when it is genuine; <paramref name="expired"/> tells a genuine but lapsed token apart.</summary>
    BookingToken? Read(string token, out bool expired);
}

/// <summary>Where the candidate's booking pages live, and the signed paths to them.</summary>
public static class SelfServicePaths
{
    public const string Book = "/book";
    public const string Manage = "/booking";

    /// <summary>A schedule's page in the coordinator console.</summary>
    public static string SchedulePage(string scheduleId) => $"/console/schedules/{Uri.EscapeDataString(scheduleId)}";

    /// <summary>Long enough to reach the interviews; what a manage link may still do is decided when it is used.</summary>
    public static readonly TimeSpan ManageLifetime = TimeSpan.FromDays(90);

    public static string BookPath(IBookingTokens tokens, string orgId, long applicationId, string linkId, DateTimeOffset expiresAt) =>
        $"{Book}/{tokens.Issue(new BookingToken(orgId, applicationId, linkId, BookingTokenKind.Book, expiresAt))}";

    public static string ManagePath(IBookingTokens tokens, string orgId, long applicationId, string linkId, DateTimeOffset now) =>
        $"{Manage}/{tokens.Issue(new BookingToken(orgId, applicationId, linkId, BookingTokenKind.Manage, now + ManageLifetime))}";
}
