using System.Collections.Concurrent;

namespace GemScheduling.Persistence.Emails;

public sealed class InMemorySentEmailLog : ISentEmailLog
{
    private readonly ConcurrentDictionary<(string Org, string Id), SentEmail> _emails = new();

    public Task<bool> RecordAsync(SentEmail email, CancellationToken cancellationToken = default) =>
        Task.FromResult(_emails.TryAdd((email.OrgId, email.EmailId), email));

    public Task<SentEmail?> GetAsync(string orgId, string emailId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_emails.GetValueOrDefault((orgId, emailId)));

    public Task<IReadOnlyList<SentEmail>> ListAsync(string orgId, long? applicationId, int limit, (DateTimeOffset SentAt, string EmailId)? after,
        EmailAudience audience = EmailAudience.Candidate, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SentEmail>>(_emails.Values
            .Where(e => e.OrgId == orgId && (applicationId is null || e.ApplicationId == applicationId) && SentEmailKinds.Matches(audience, e.Kind))
            .OrderBy(e => e.SentAt).ThenBy(e => e.EmailId, StringComparer.Ordinal)
            .Where(e => after is null || e.SentAt > after.Value.SentAt || (e.SentAt == after.Value.SentAt && string.CompareOrdinal(e.EmailId, after.Value.EmailId) > 0))
            .Take(limit).ToList());
}
