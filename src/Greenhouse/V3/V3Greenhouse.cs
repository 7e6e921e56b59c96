using GemScheduling.Harvest;
using GemScheduling.Harvest.V3;
using GemScheduling.Harvest.V3.Models;
using GemScheduling.Orgs;
using GemScheduling.Schedules;

namespace GemScheduling.Greenhouse;

/// <summary>
/// Greenhouse through Harvest v3: OAuth client credentials, cursor paging, flat resources. Reads act as the
/// connection's reader (by default the org's Integration Service User); each write acts as its own Greenhouse user
/// through a token minted for that user's <c>sub</c> (v3 has no On-Behalf-Of), which also makes that user the
/// interview's organizer.
/// </summary>
internal sealed class V3Greenhouse(HarvestV3Client client, V3PermissionVerifier verifier, GreenhouseOptions options, V3Reach reach) : IGreenhouse
{
    private const int ListPageSize = V3Lists.PageSize;
    private readonly V3SyncSource _sync = new(client, options, reach);

    public HarvestApiVersion ApiVersion => HarvestApiVersion.V3;

    /// <summary>
    /// <c>/v3/users</c> filters by primary email only; any other address is looked up in <c>/v3/user_emails</c> (where
    /// the credential has that scope), which names the user to read.
    /// </summary>
    public async Task<GreenhouseUser?> FindUserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var users = await client.CallAsync(api => api.ListUsers(new V3UserFilter { PrimaryEmail = email, PerPage = 10 }, cancellationToken), cancellationToken);
        var primary = users.Where(u => u.Id is not null).Select(u => u.ToUser()).FirstOrDefault(u => u.Emails.Contains(email, StringComparer.OrdinalIgnoreCase));
        if (primary is not null || !reach.Has(HarvestV3Scopes.UserEmailsList))
            return primary;

        List<V3UserEmail> addresses;
        try
        {
            addresses = await client.CallAsync(api => api.ListUserEmails(new V3UserEmailFilter { Email = email, PerPage = 10 }, cancellationToken), cancellationToken);
        }
        catch (HarvestApiException ex) when (ex.Kind == HarvestErrorKind.Forbidden)
        {
            return null; // the scope was withdrawn since the last verification, which will say so
        }

        if (addresses.FirstOrDefault(a => a.UserId is not null && string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)) is not { } match)
            return null;
        var owner = await client.CallAsync(api => api.ListUsers(new V3UserFilter { Ids = match.UserId!.Value.ToString(), PerPage = 1 }, cancellationToken), cancellationToken);
        return owner.Where(u => u.Id == match.UserId).Select(u => u.ToUser() is var user && !user.Emails.Contains(email, StringComparer.OrdinalIgnoreCase)
            ? user with { Emails = [.. user.Emails, email] }
            : user).FirstOrDefault();
    }

    public Task<PermissionReport> VerifyAsync(long? actingUserId, CancellationToken cancellationToken) =>
        verifier.VerifyAsync(client, actingUserId, reach.ReaderUserId, cancellationToken);

    public Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken) =>
        _sync.FirstPageAsync(kind, since, cancellationToken);

    public Task<SyncPage> PageAsync(ResourceKind kind, Uri url, DateTimeOffset? since, CancellationToken cancellationToken) =>
        _sync.PageAsync(kind, url, since, cancellationToken);

    /// <summary>Cursor paging has no page numbers: v3 never hands out a <see cref="SyncPage.PageTemplate"/>.</summary>
    public Task<SyncPage> NumberedPageAsync(ResourceKind kind, Uri template, int page, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Harvest v3 pages by cursor only.");

    public Task<(Job Job, JobPost? Post, IReadOnlyList<JobStage> Stages)> JobAsync(long jobId, CancellationToken cancellationToken) =>
        _sync.JobAsync(jobId, cancellationToken);

    /// <summary>Interviews, then their panels from <c>/v3/interviewers</c> (50 interviews per request).</summary>
    public async Task<IReadOnlyList<GreenhouseInterview>> InterviewsAsync(long applicationId, string? externalEventId, CancellationToken cancellationToken)
    {
        var interviews = new List<V3Interview>();
        await foreach (var i in client.ItemsAsync(api => api.ListInterviews(new V3InterviewFilter
                       {
                           ApplicationIds = applicationId.ToString(), ExternalEventId = externalEventId, PerPage = ListPageSize,
                       }, cancellationToken), cancellationToken))
        {
            if (i.Id is not null && i.ApplicationId == applicationId && (externalEventId is null || i.ExternalEventId == externalEventId))
                interviews.Add(i);
        }

        return await WithPanelsAsync(interviews, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyList<GreenhouseInterview>>> InterviewsOfApplicationsAsync(
        IReadOnlyList<long> applicationIds, CancellationToken cancellationToken)
    {
        var wanted = applicationIds.ToHashSet();
        var interviews = new List<V3Interview>();
        foreach (var batch in wanted.Chunk(V3ListFilter.MaxIdsPerFilter))
        {
            await foreach (var i in client.ItemsAsync(api => api.ListInterviews(new V3InterviewFilter
                           {
                               ApplicationIds = V3ListFilter.IdList(batch), PerPage = ListPageSize,
                           }, cancellationToken), cancellationToken))
            {
                if (i.Id is not null && i.ApplicationId is { } owner && wanted.Contains(owner))
                    interviews.Add(i);
            }
        }

        var all = await WithPanelsAsync(interviews, cancellationToken);
        var owners = interviews.DistinctBy(i => i.Id).ToDictionary(i => i.Id!.Value, i => i.ApplicationId!.Value);
        var byApplication = wanted.ToDictionary(id => id, _ => new List<GreenhouseInterview>());
        foreach (var interview in all)
            byApplication[owners[interview.Id]].Add(interview);
        return byApplication.ToDictionary(a => a.Key, a => (IReadOnlyList<GreenhouseInterview>)a.Value);
    }

    /// <summary>v3 keeps panels apart from interviews: one listing per 50 interviews.</summary>
    private async Task<IReadOnlyList<GreenhouseInterview>> WithPanelsAsync(List<V3Interview> interviews, CancellationToken cancellationToken)
    {
        var panels = new Dictionary<long, List<GreenhouseInterviewer>>();
        foreach (var ids in interviews.Select(i => i.Id!.Value).Distinct().Chunk(V3ListFilter.MaxIdsPerFilter))
        {
            await foreach (var member in client.ItemsAsync(api => api.ListInterviewers(new V3InterviewerFilter
                           {
                               InterviewIds = V3ListFilter.IdList(ids), PerPage = ListPageSize,
                           }, cancellationToken), cancellationToken))
            {
                if (member.InterviewId is { } interviewId)
                    (panels.TryGetValue(interviewId, out var panel) ? panel : panels[interviewId] = []).Add(new GreenhouseInterviewer(member.UserId, member.Email));
            }
        }

        return interviews.DistinctBy(i => i.Id).Select(i => new GreenhouseInterview(i.Id!.Value, i.ExternalEventId, i.StartsAt, i.EndsAt, i.AllDayStartOn,
            panels.GetValueOrDefault(i.Id!.Value) ?? [], i.Status)).ToList();
    }

    /// <summary>Candidates by <c>ids</c>, their applications by <c>candidate_ids</c> (50 a request), joined to their current stages.</summary>
    public async Task<CandidateRecords> CandidatesAsync(IReadOnlyCollection<long> candidateIds, CancellationToken cancellationToken)
    {
        var wanted = candidateIds.ToHashSet();
        var candidates = await client.ByIdsAsync(wanted, (api, ids) => api.ListCandidates(new V3ListFilter { Ids = ids, PerPage = ListPageSize }, cancellationToken),
            cancellationToken);
        // v3 answers a reader who is not a Site Admin with empty lists: "none found" must not read as "all deleted".
        if (candidates.Count == 0 && !await client.ReaderSeesUsersAsync(cancellationToken))
            throw new HarvestApiException(HarvestErrorKind.Forbidden, null,
                "Greenhouse lists nothing to the reader: it is not a Site Admin, so candidates cannot be read again.", endpoint: "GET /v3/candidates");
        var applications = await client.ByIdsAsync(wanted, (api, ids) => api.ListApplications(new V3ApplicationFilter { CandidateIds = ids, PerPage = ListPageSize },
            cancellationToken), cancellationToken);
        return new CandidateRecords(
            candidates.Where(c => c.Id is { } id && wanted.Contains(id)).DistinctBy(c => c.Id).Select(c => c.ToCandidate()).ToList(),
            await _sync.JoinStagesAsync(applications.Where(a => a.Id is not null && a.CandidateId is { } owner && wanted.Contains(owner)).DistinctBy(a => a.Id).ToList(),
                cancellationToken));
    }

    public async Task<long> CreateInterviewAsync(long applicationId, PlannedInterview plan, string externalEventId, long organizerUserId, CancellationToken cancellationToken)
    {
        var created = await client.CallAsync(api => api.CreateInterview(new V3CreateInterviewRequest(
            applicationId, plan.InterviewStepId, Timestamp(plan.Start), Timestamp(plan.End), externalEventId, Panel(plan),
            plan.Location, plan.VideoConferencingUrl), Acting(organizerUserId), cancellationToken), cancellationToken);
        return created.Id ?? throw new HarvestApiException(HarvestErrorKind.ServerError, null, "Greenhouse created the interview but returned no id.");
    }

    /// <summary>PATCH sets every field we own; its <c>interviewers</c> replaces the whole panel, as the plan says.</summary>
    public Task UpdateInterviewAsync(long interviewId, PlannedInterview plan, long organizerUserId, CancellationToken cancellationToken) =>
        client.CallAsync(api => api.UpdateInterview(interviewId, new V3UpdateInterviewRequest(
            Timestamp(plan.Start), Timestamp(plan.End), Panel(plan), plan.Location, plan.VideoConferencingUrl),
            Acting(organizerUserId), cancellationToken), cancellationToken);

    public Task DeleteInterviewAsync(long interviewId, long organizerUserId, CancellationToken cancellationToken) =>
        client.CallAsync(api => api.DeleteInterview(interviewId, Acting(organizerUserId), cancellationToken), cancellationToken);

    public async Task<long?> AddNoteAsync(long candidateId, long applicationId, string body, string visibility, long authorUserId, CancellationToken cancellationToken) =>
        (await client.CallAsync(api => api.CreateNote(new V3CreateNoteRequest(candidateId, applicationId, authorUserId, body, visibility, "NOTE"),
            Acting(authorUserId), cancellationToken), cancellationToken)).Id;

    public async Task<long?> AddEmailAsync(long candidateId, long applicationId, LoggedEmail email, long authorUserId, CancellationToken cancellationToken) =>
        (await client.CallAsync(api => api.CreateNote(new V3CreateNoteRequest(candidateId, applicationId, authorUserId, email.Body, "public", "EMAIL",
            email.Subject, email.From, email.To, email.Cc.Count == 0 ? null : email.Cc), Acting(authorUserId), cancellationToken), cancellationToken)).Id;

    /// <summary>The feed is <c>/v3/notes</c>: one row per entry; NOTE and EMAIL rows are ours or people's, the rest are activities.</summary>
    public async Task<CandidateFeed> FeedAsync(long candidateId, CancellationToken cancellationToken)
    {
        List<FeedEntry> notes = [], emails = [], activities = [];
        await foreach (var row in client.ItemsAsync(api => api.ListNotes(new V3NoteFilter { CandidateIds = candidateId.ToString(), PerPage = ListPageSize }, cancellationToken), cancellationToken))
        {
            if (row.CandidateId is { } owner && owner != candidateId)
                continue;
            var entry = new FeedEntry(row.Id, row.CreatedAt, row.Subject, row.Body);
            (row.Type?.ToUpperInvariant() switch
            {
                "NOTE" => notes,
                "EMAIL" => emails,
                _ => activities,
            }).Add(entry);
        }

        return new CandidateFeed(notes, emails, activities);
    }

    private static string Acting(long userId) => userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<V3InterviewerInput> Panel(PlannedInterview plan) =>
        plan.Interviewers.Select(i => i.UserId is { } id
            ? new V3InterviewerInput(id, null, "needs_action")
            : new V3InterviewerInput(null, i.Email, "needs_action")).ToList();

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
}
