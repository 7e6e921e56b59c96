using GemScheduling.Orgs;
using GemScheduling.Schedules;
using static GemScheduling.Greenhouse.GreenhouseFailures;

namespace GemScheduling.Greenhouse;

/// <summary>Wraps an adapter so that whatever it throws from the Harvest client leaves the port as a <see cref="GreenhouseException"/>.</summary>
internal sealed class TranslatingGreenhouse(IGreenhouse inner) : IGreenhouse
{
    public HarvestApiVersion ApiVersion => inner.ApiVersion;

    public Task<GreenhouseUser?> FindUserByEmailAsync(string email, CancellationToken cancellationToken) =>
        Translate(() => inner.FindUserByEmailAsync(email, cancellationToken));

    public Task<PermissionReport> VerifyAsync(long? actingUserId, CancellationToken cancellationToken) =>
        Translate(() => inner.VerifyAsync(actingUserId, cancellationToken));

    public Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken) =>
        Translate(() => inner.FirstPageAsync(kind, since, cancellationToken));

    public Task<SyncPage> PageAsync(ResourceKind kind, Uri url, DateTimeOffset? since, CancellationToken cancellationToken) =>
        Translate(() => inner.PageAsync(kind, url, since, cancellationToken));

    public Task<SyncPage> NumberedPageAsync(ResourceKind kind, Uri template, int page, CancellationToken cancellationToken) =>
        Translate(() => inner.NumberedPageAsync(kind, template, page, cancellationToken));

    public Task<(Job Job, JobPost? Post, IReadOnlyList<JobStage> Stages)> JobAsync(long jobId, CancellationToken cancellationToken) =>
        Translate(() => inner.JobAsync(jobId, cancellationToken));

    public Task<IReadOnlyList<GreenhouseInterview>> InterviewsAsync(long applicationId, string? externalEventId, CancellationToken cancellationToken) =>
        Translate(() => inner.InterviewsAsync(applicationId, externalEventId, cancellationToken));

    public Task<IReadOnlyDictionary<long, IReadOnlyList<GreenhouseInterview>>> InterviewsOfApplicationsAsync(IReadOnlyList<long> applicationIds, CancellationToken cancellationToken) =>
        Translate(() => inner.InterviewsOfApplicationsAsync(applicationIds, cancellationToken));

    public Task<CandidateRecords> CandidatesAsync(IReadOnlyCollection<long> candidateIds, CancellationToken cancellationToken) =>
        Translate(() => inner.CandidatesAsync(candidateIds, cancellationToken));

    public Task<long> CreateInterviewAsync(long applicationId, PlannedInterview plan, string externalEventId, long organizerUserId, CancellationToken cancellationToken) =>
        Translate(() => inner.CreateInterviewAsync(applicationId, plan, externalEventId, organizerUserId, cancellationToken));

    public Task UpdateInterviewAsync(long interviewId, PlannedInterview plan, long organizerUserId, CancellationToken cancellationToken) =>
        Translate(() => inner.UpdateInterviewAsync(interviewId, plan, organizerUserId, cancellationToken));

    public Task DeleteInterviewAsync(long interviewId, long organizerUserId, CancellationToken cancellationToken) =>
        Translate(() => inner.DeleteInterviewAsync(interviewId, organizerUserId, cancellationToken));

    public Task<long?> AddNoteAsync(long candidateId, long applicationId, string body, string visibility, long authorUserId, CancellationToken cancellationToken) =>
        Translate(() => inner.AddNoteAsync(candidateId, applicationId, body, visibility, authorUserId, cancellationToken));

    public Task<long?> AddEmailAsync(long candidateId, long applicationId, LoggedEmail email, long authorUserId, CancellationToken cancellationToken) =>
        Translate(() => inner.AddEmailAsync(candidateId, applicationId, email, authorUserId, cancellationToken));

    public Task<CandidateFeed> FeedAsync(long candidateId, CancellationToken cancellationToken) =>
        Translate(() => inner.FeedAsync(candidateId, cancellationToken));
}
