namespace GemScheduling.Harvest.V1.Models;

public sealed record CreateScheduledInterviewRequest(
    long ApplicationId,
    long InterviewId,
    IReadOnlyList<InterviewerAssignment> Interviewers,
    string Start,
    string End,
    string ExternalEventId,
    string? Location,
    string? VideoConferencingUrl);

/// <summary>Only the members that are set are sent (null members are omitted on the wire).</summary>
public sealed record UpdateScheduledInterviewRequest(
    IReadOnlyList<InterviewerAssignment>? Interviewers = null,
    string? Start = null,
    string? End = null,
    string? ExternalEventId = null,
    string? Location = null,
    string? VideoConferencingUrl = null);

/// <summary>Exactly one of user id, email or employee id, plus the RSVP.</summary>
public sealed record InterviewerAssignment(long? UserId, string? Email, string? EmployeeId, string ResponseStatus);

public sealed record AddNoteRequest(long UserId, string Body, string Visibility);

public sealed record AddEmailRequest(long UserId, string To, string From, IReadOnlyList<string>? Cc, string Subject, string Body);

public sealed record HarvestMessage(string? Message);
