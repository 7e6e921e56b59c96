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

    [Alias("attach-schedule")]
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

    public static string Key(string orgId, long applicationId) => $"{orgId}/app-{applicationId}";
}

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
