namespace GemScheduling.Persistence.Emails;

/// <summary>An email to a candidate exactly as it was sent (and as it is logged to Greenhouse).</summary>
public sealed record SentEmail(
    string OrgId,
    string EmailId,
    string ScheduleId,
    long ApplicationId,
    long CandidateId,
    string Kind,
    string To,
    string From,
    IReadOnlyList<string> Cc,
    string Subject,
    string Body,
    string? Ics,
    string Transport,
    DateTimeOffset SentAt);

public interface ISentEmailLog
{
    /// <summary>Records the email once per id; false when it was already recorded.</summary>
    Task<bool> RecordAsync(SentEmail email, CancellationToken cancellationToken = default);

    Task<SentEmail?> GetAsync(string orgId, string emailId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SentEmail>> ListAsync(string orgId, long? applicationId, int limit, (DateTimeOffset SentAt, string EmailId)? after,
        EmailAudience audience = EmailAudience.Candidate, CancellationToken cancellationToken = default);
}

/// <summary>Who an email went to: the candidate (and logged to Greenhouse) or an interviewer (a calendar invitation).</summary>
public enum EmailAudience
{
    Candidate,
    Interviewers,
    All,
}

public static class SentEmailKinds
{
    public const string InterviewerInvitation = "interviewer_invitation";
    public const string InterviewerCancellation = "interviewer_cancellation";

    public static readonly string[] Interviewer = [InterviewerInvitation, InterviewerCancellation];

    public static bool Matches(EmailAudience audience, string kind) => audience switch
    {
        EmailAudience.Candidate => !Interviewer.Contains(kind),
        EmailAudience.Interviewers => Interviewer.Contains(kind),
        _ => true,
    };
}
