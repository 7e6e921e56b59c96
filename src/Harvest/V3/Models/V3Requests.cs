using System.Text.Json.Serialization;

namespace GemScheduling.Harvest.V3.Models;

/// <summary>One panel member: exactly one of user id or email, plus the RSVP.</summary>
public sealed record V3InterviewerInput(long? UserId, string? Email, string ResponseStatus);

/// <summary><c>POST /v3/interviews</c>: records an interview already on the calendar; the organizer is the token's user.</summary>
public sealed record V3CreateInterviewRequest(
    long ApplicationId, long JobInterviewId, string StartsAt, string EndsAt, string ExternalEventId,
    IReadOnlyList<V3InterviewerInput> Interviewers, string? Location, string? VideoConferencingUrl);

/// <summary>
/// <c>PATCH /v3/interviews/{id}</c>: sets everything we own. <c>interviewers</c> replaces the whole panel, and a null
/// location or video link is sent as null so Greenhouse clears it.
/// </summary>
public sealed record V3UpdateInterviewRequest(
    string StartsAt, string EndsAt, IReadOnlyList<V3InterviewerInput> Interviewers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Location,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? VideoConferencingUrl);

/// <summary><c>POST /v3/notes</c>: a NOTE, or an EMAIL with its subject and addresses. Notes cannot be edited or deleted.</summary>
public sealed record V3CreateNoteRequest(
    long CandidateId, long? ApplicationId, long UserId, string Body, string Visibility, string NoteType,
    string? Subject = null, string? EmailFrom = null, string? EmailTo = null, IReadOnlyList<string>? EmailCc = null);
