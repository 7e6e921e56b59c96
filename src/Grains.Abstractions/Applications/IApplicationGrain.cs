using GemScheduling.Availability;
using GemScheduling.Greenhouse;
using Orleans.Concurrency;

namespace GemScheduling.Applications;

/// <summary>
/// One Greenhouse application inside GemScheduling: the schedules made for it, and the candidate-level writes (notes,
/// logged emails) made for them, performed one at a time and once per write id. Keyed <c>{orgId}/app-{applicationId}</c>.
/// </summary>
[Alias("gs.application-grain")]
public interface IApplicationGrain : IGrainWithStringKey
{
    /// <summary>The sync saw this application's job, status or stage change in Greenhouse.</summary>
    [OneWay, Alias("changed")]
    Task OnGreenhouseChanged(Application application);

    /// <summary>
    /// Interleaves: a schedule's create awaits it, and it must not queue behind a note or email write of the same
    /// application that waits for Greenhouse (retries, the rate budget) — after a failover, many of those run at once.
    /// It only marks the application tracked (idempotent).
    /// </summary>
    [Alias("attach-schedule"), AlwaysInterleave]
    Task AttachSchedule(string scheduleId);

    [Alias("schedules")]
    Task<ApplicationSchedules> GetSchedules();

    /// <summary>Adds a note to the candidate's activity feed once per write id; returns the Greenhouse note id.</summary>
    [Alias("add-note")]
    Task<CandidateWriteResult> AddNote(CandidateNote note);

    /// <summary>Logs a sent email on the candidate's activity feed once per write id; returns the Greenhouse email id.</summary>
    [Alias("log-email")]
    Task<CandidateWriteResult> LogEmail(CandidateEmail email);

    /// <summary>Replaces the windows from one source (a coordinator, or the candidate through a signed link).</summary>
    [Alias("set-availability")]
    Task<CandidateAvailability> SetAvailability(string source, string timeZone, IReadOnlyList<CandidateWindow> windows, string actor);

    /// <summary>The candidate's availability, re-read from the Greenhouse activity feed when older than <paramref name="maxAge"/>.</summary>
    [Alias("availability")]
    Task<CandidateAvailability> GetAvailability(TimeSpan maxAge);

    /// <summary>Records a new availability link for the candidate (the signed token is made from its id by the caller).</summary>
    [Alias("issue-availability-link")]
    Task<AvailabilityLinkView> IssueAvailabilityLink(DateTimeOffset expiresAt, bool expireOnSubmission, string actor);

    /// <summary>False when the application has no link with this id.</summary>
    [Alias("revoke-availability-link")]
    Task<bool> RevokeAvailabilityLink(string linkId, string actor);

    [Alias("availability-links")]
    Task<IReadOnlyList<AvailabilityLinkView>> ListAvailabilityLinks();

    /// <summary>Whether a link still works; a link made before links had ids (<paramref name="linkId"/> null) is live until it expires.</summary>
    [Alias("availability-link-status"), AlwaysInterleave]
    Task<AvailabilityLinkStatus> GetAvailabilityLinkStatus(string? linkId);

    /// <summary>The candidate's windows through a link; a link that expires on submission is used up in the same change.</summary>
    [Alias("submit-through-link")]
    Task<CandidateAvailability> SubmitThroughLink(string? linkId, string timeZone, IReadOnlyList<CandidateWindow> windows);

    public static string Key(string orgId, long applicationId) => new ApplicationKey(orgId, applicationId).ToString();
}

[GenerateSerializer, Alias("gs.availability-link-status")]
public enum AvailabilityLinkStatus
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("live")] Live,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("expired")] Expired,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("revoked")] Revoked,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("used")] Used,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("unknown")] Unknown,
}

[GenerateSerializer, Immutable, Alias("gs.availability-link-view")]
public sealed record AvailabilityLinkView(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset IssuedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] bool ExpiresOnSubmission,
    [property: Id(4)] AvailabilityLinkStatus Status,
    [property: Id(5)] string IssuedBy);

[GenerateSerializer, Immutable, Alias("gs.application-schedules")]
public sealed record ApplicationSchedules(
    [property: Id(0)] IReadOnlyList<string> ScheduleIds,
    [property: Id(1)] Application? LastSeenInGreenhouse,
    [property: Id(2)] DateTimeOffset? LastChangedAt);

[GenerateSerializer, Immutable, Alias("gs.candidate-note")]
public sealed record CandidateNote(
    [property: Id(0)] string WriteId, [property: Id(1)] long CandidateId, [property: Id(2)] string Body,
    [property: Id(3)] string Visibility, [property: Id(4)] long OnBehalfOf, [property: Id(5)] bool MayAlreadyExist);

[GenerateSerializer, Immutable, Alias("gs.candidate-email")]
public sealed record CandidateEmail(
    [property: Id(0)] string WriteId, [property: Id(1)] long CandidateId, [property: Id(2)] string To, [property: Id(3)] string From,
    [property: Id(4)] IReadOnlyList<string> Cc, [property: Id(5)] string Subject, [property: Id(6)] string Body,
    [property: Id(7)] long OnBehalfOf, [property: Id(8)] bool MayAlreadyExist);

[GenerateSerializer, Immutable, Alias("gs.candidate-write-result")]
public sealed record CandidateWriteResult([property: Id(0)] long? GreenhouseId, [property: Id(1)] bool AlreadyPresent);
