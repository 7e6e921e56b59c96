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

    Task<IReadOnlyList<SentEmail>> ListAsync(string orgId, long? applicationId, int limit, (DateTimeOffset SentAt, string EmailId)? after, CancellationToken cancellationToken = default);
}
