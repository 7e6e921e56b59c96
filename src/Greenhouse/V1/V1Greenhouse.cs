using GemScheduling.Harvest;
using GemScheduling.Harvest.V1;
using GemScheduling.Harvest.V1.Models;
using GemScheduling.Orgs;
using GemScheduling.Schedules;

namespace GemScheduling.Greenhouse;

/// <summary>Greenhouse through Harvest v1/v2: an API key, Basic auth, On-Behalf-Of, Link-header page numbers.</summary>
internal sealed class V1Greenhouse(HarvestV1Client client, PermissionVerifier verifier, GreenhouseOptions options) : IGreenhouse
{
    private const int MaxCandidateIds = 50;
    private readonly V1SyncSource _sync = new(client, options);

    public HarvestApiVersion ApiVersion => HarvestApiVersion.V1;

    public async Task<GreenhouseUser?> FindUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var users = await client.CallAsync(api => api.ListUsers(new UserFilter { Email = email, PerPage = 10 }, cancellationToken), cancellationToken);
        return users.Where(u => u.Id is not null).Select(u => u.ToUser())
            .FirstOrDefault(u => u.Emails.Contains(email, StringComparer.OrdinalIgnoreCase));
    }

    public Task<PermissionReport> VerifyAsync(long? actingUserId, CancellationToken cancellationToken) =>
        verifier.VerifyAsync(client, actingUserId, cancellationToken);

    public Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken) =>
        _sync.FirstPageAsync(kind, since, cancellationToken);

    public Task<SyncPage> PageAsync(ResourceKind kind, Uri url, DateTimeOffset? since, CancellationToken cancellationToken) => _sync.PageAsync(kind, url, cancellationToken);

    public Task<SyncPage> NumberedPageAsync(ResourceKind kind, Uri template, int page, CancellationToken cancellationToken) =>
        _sync.NumberedPageAsync(kind, template, page, cancellationToken);

    public Task<(Job Job, JobPost? Post, IReadOnlyList<JobStage> Stages)> JobAsync(long jobId, CancellationToken cancellationToken) =>
        _sync.JobAsync(jobId, cancellationToken);

    public async Task<IReadOnlyList<GreenhouseInterview>> InterviewsAsync(long applicationId, string? externalEventId, CancellationToken cancellationToken)
    {
        var interviews = new List<GreenhouseInterview>();
        await foreach (var i in client.ItemsAsync(api => api.ListInterviewsForApplication(applicationId,
                           new ScheduledInterviewFilter { ExternalEventId = externalEventId, PerPage = 500 }, cancellationToken), cancellationToken))
        {
            if (i.Id is not { } id || (externalEventId is not null && i.ExternalEventId != externalEventId))
                continue;
            interviews.Add(new GreenhouseInterview(id, i.ExternalEventId, i.Start?.DateTime, i.End?.DateTime, i.Start?.Date?.ToString("yyyy-MM-dd"),
                (i.Interviewers ?? []).Select(p => new GreenhouseInterviewer(p.Id, p.Email)).ToList(), i.Status));
        }

        return interviews;
    }

    /// <summary>List Candidates by <c>candidate_ids</c> (50 a request): v1 embeds each candidate's full applications.</summary>
    public async Task<CandidateRecords> CandidatesAsync(IReadOnlyCollection<long> candidateIds, CancellationToken cancellationToken)
    {
        List<Candidate> candidates = [];
        List<Application> applications = [];
        foreach (var batch in candidateIds.Distinct().Chunk(MaxCandidateIds))
        {
            var wanted = batch.ToHashSet();
            var found = await client.CallAsync(api => api.ListCandidates(new CandidateFilter
            {
                CandidateIds = string.Join(',', batch), PerPage = MaxCandidateIds,
            }, cancellationToken), cancellationToken);
            foreach (var c in found.Where(c => c.Id is { } id && wanted.Contains(id)).DistinctBy(c => c.Id))
            {
                candidates.Add(c.ToCandidate());
                applications.AddRange((c.Applications ?? []).Where(a => a.Id is not null).Select(a => a.ToApplication()));
            }
        }

        return new CandidateRecords(candidates, applications);
    }

    public async Task<long> CreateInterviewAsync(long applicationId, PlannedInterview plan, string externalEventId, long organizerUserId, CancellationToken cancellationToken)
    {
        var created = await client.CallAsync(api => api.CreateScheduledInterview(new CreateScheduledInterviewRequest(
            applicationId, plan.InterviewStepId, Panel(plan), Timestamp(plan.Start), Timestamp(plan.End), externalEventId,
            plan.Location, plan.VideoConferencingUrl), organizerUserId.ToString(), cancellationToken), cancellationToken);
        return created.Id ?? throw new HarvestApiException(HarvestErrorKind.ServerError, null, "Greenhouse created the interview but returned no id.");
    }

    public Task UpdateInterviewAsync(long interviewId, PlannedInterview plan, long organizerUserId, CancellationToken cancellationToken) =>
        client.CallAsync(api => api.UpdateScheduledInterview(interviewId, new UpdateScheduledInterviewRequest(
            Panel(plan), Timestamp(plan.Start), Timestamp(plan.End), null, plan.Location ?? "", plan.VideoConferencingUrl ?? ""),
            organizerUserId.ToString(), cancellationToken), cancellationToken);

    public Task DeleteInterviewAsync(long interviewId, long organizerUserId, CancellationToken cancellationToken) =>
        client.CallAsync(api => api.DeleteScheduledInterview(interviewId, organizerUserId.ToString(), cancellationToken), cancellationToken);

    public async Task<long?> AddNoteAsync(long candidateId, long applicationId, string body, string visibility, long authorUserId, CancellationToken cancellationToken) =>
        (await client.CallAsync(api => api.AddNote(candidateId, new AddNoteRequest(authorUserId, body, visibility), authorUserId.ToString(), cancellationToken), cancellationToken)).Id;

    public async Task<long?> AddEmailAsync(long candidateId, long applicationId, LoggedEmail email, long authorUserId, CancellationToken cancellationToken) =>
        (await client.CallAsync(api => api.AddEmail(candidateId,
            new AddEmailRequest(authorUserId, email.To, email.From, email.Cc.Count == 0 ? null : email.Cc, email.Subject, email.Body),
            authorUserId.ToString(), cancellationToken), cancellationToken)).Id;

    public async Task<CandidateFeed> FeedAsync(long candidateId, CancellationToken cancellationToken)
    {
        var feed = await client.CallAsync(api => api.RetrieveActivityFeed(candidateId, cancellationToken), cancellationToken);
        return new CandidateFeed(
            (feed.Notes ?? []).Select(n => new FeedEntry(n.Id, n.CreatedAt, null, n.Body)).ToList(),
            (feed.Emails ?? []).Select(e => new FeedEntry(e.Id, e.CreatedAt, e.Subject, e.Body)).ToList(),
            (feed.Activities ?? []).Select(a => new FeedEntry(a.Id, a.CreatedAt, a.Subject, a.Body)).ToList());
    }

    private static IReadOnlyList<InterviewerAssignment> Panel(PlannedInterview plan) =>
        plan.Interviewers.Select(i => i.UserId is { } id
            ? new InterviewerAssignment(id, null, null, "needs_action")
            : new InterviewerAssignment(null, i.Email, null, "needs_action")).ToList();

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
