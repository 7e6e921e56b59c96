using GemScheduling.Orgs;
using GemScheduling.Schedules;

namespace GemScheduling.Greenhouse;

/// <summary>
/// One org's Greenhouse, whatever Harvest version it is connected through. Everything above this port — sync,
/// scheduling, write-back, reconciliation, verification — speaks GemScheduling's own terms; the v1/v2 and v3 adapters
/// map them to each API's paths, shapes, paging and auth. Every failure is a <see cref="GreenhouseException"/>.
/// </summary>
public interface IGreenhouse
{
    HarvestApiVersion ApiVersion { get; }

    /// <summary>The enabled-or-not Greenhouse user with this email, or null.</summary>
    Task<GreenhouseUser?> FindUserByEmailAsync(string email, CancellationToken cancellationToken);

    Task<PermissionReport> VerifyAsync(long? actingUserId, CancellationToken cancellationToken);

    Task<SyncPage> FirstPageAsync(ResourceKind kind, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>The page a <see cref="SyncPage.Next"/> link names (only ever on the connection's own origin).</summary>
    /// <param name="since">What the listing's first page was asked with: null in a full pass.</param>
    Task<SyncPage> PageAsync(ResourceKind kind, Uri url, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>Page <paramref name="page"/> of a listing whose first page gave a <see cref="SyncPage.PageTemplate"/>.</summary>
    Task<SyncPage> NumberedPageAsync(ResourceKind kind, Uri template, int page, CancellationToken cancellationToken);

    /// <summary>One job, its external post and its stages with their interview steps, fresh.</summary>
    Task<(Job Job, JobPost? Post, IReadOnlyList<JobStage> Stages)> JobAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>The application's interviews in Greenhouse (only those with this external event id, when given).</summary>
    Task<IReadOnlyList<GreenhouseInterview>> InterviewsAsync(long applicationId, string? externalEventId, CancellationToken cancellationToken);

    /// <summary>
    /// The interviews of many applications, for reconciliation: v3 lists them in pages of up to 50 applications; v1/v2
    /// has no such filter within GemScheduling's permissions, so it reads them one application at a time.
    /// </summary>
    async Task<IReadOnlyDictionary<long, IReadOnlyList<GreenhouseInterview>>> InterviewsOfApplicationsAsync(
        IReadOnlyList<long> applicationIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, IReadOnlyList<GreenhouseInterview>>();
        foreach (var id in applicationIds.Distinct())
            result[id] = await InterviewsAsync(id, null, cancellationToken);
        return result;
    }

    /// <summary>
    /// These candidates and every application of theirs, fresh from Greenhouse (a webhook's targeted refresh); a
    /// candidate Greenhouse no longer has (deleted, merged away) is simply absent.
    /// </summary>
    Task<CandidateRecords> CandidatesAsync(IReadOnlyCollection<long> candidateIds, CancellationToken cancellationToken);

    Task<long> CreateInterviewAsync(long applicationId, PlannedInterview plan, string externalEventId, long organizerUserId, CancellationToken cancellationToken);

    /// <summary>Sets start, end, the whole panel, location and video link to the plan's values (a repeat is harmless).</summary>
    Task UpdateInterviewAsync(long interviewId, PlannedInterview plan, long organizerUserId, CancellationToken cancellationToken);

    Task DeleteInterviewAsync(long interviewId, long organizerUserId, CancellationToken cancellationToken);

    Task<long?> AddNoteAsync(long candidateId, long applicationId, string body, string visibility, long authorUserId, CancellationToken cancellationToken);

    Task<long?> AddEmailAsync(long candidateId, long applicationId, LoggedEmail email, long authorUserId, CancellationToken cancellationToken);

    /// <summary>The candidate's activity feed: notes, logged emails and system activities (availability submissions among them).</summary>
    Task<CandidateFeed> FeedAsync(long candidateId, CancellationToken cancellationToken);
}

/// <summary>
/// One page of a synced resource, already in GemScheduling's shapes. <see cref="PageCount"/> and <see cref="PageTemplate"/>
/// are set when Greenhouse said how many pages there are (v1 <c>rel="last"</c>), so the rest can be fetched side by side.
/// </summary>
public sealed record SyncPage(ResourceKind Kind, IReadOnlyList<object> Records, Uri? Next, int? PageCount = null, Uri? PageTemplate = null);

/// <summary>Candidates and all their applications, as one targeted read found them.</summary>
public sealed record CandidateRecords(IReadOnlyList<Candidate> Candidates, IReadOnlyList<Application> Applications);

/// <summary>A scheduled interview as Greenhouse has it (passed between grains by the org's reconciler).</summary>
[GenerateSerializer, Immutable, Alias("gs.greenhouse-interview")]
public sealed record GreenhouseInterview(
    [property: Id(0)] long Id, [property: Id(1)] string? ExternalEventId, [property: Id(2)] DateTimeOffset? Start, [property: Id(3)] DateTimeOffset? End,
    [property: Id(4)] string? AllDayStart, [property: Id(5)] IReadOnlyList<GreenhouseInterviewer> Interviewers, [property: Id(6)] string? Status);

[GenerateSerializer, Immutable, Alias("gs.greenhouse-interviewer")]
public sealed record GreenhouseInterviewer([property: Id(0)] long? UserId, [property: Id(1)] string? Email)
{
    public string CalendarKey => UserId is { } id ? $"u{id}" : $"e{Email?.Trim().ToLowerInvariant()}";
}

public sealed record LoggedEmail(string To, string From, IReadOnlyList<string> Cc, string Subject, string Body);

public sealed record CandidateFeed(IReadOnlyList<FeedEntry> Notes, IReadOnlyList<FeedEntry> Emails, IReadOnlyList<FeedEntry> Activities);

public sealed record FeedEntry(long? Id, DateTimeOffset? CreatedAt, string? Subject, string? Body);

/// <summary>Makes the org's <see cref="IGreenhouse"/> for the Harvest version its connection uses.</summary>
public interface IGreenhouseFactory
{
    IGreenhouse For(GreenhouseAccess access, GreenhouseLane readLane = GreenhouseLane.Interactive);
}

/// <summary>A v1/v2 API key, or v3 OAuth client credentials (and where to get tokens), and the origin it was entered for.</summary>
public sealed record GreenhouseCredential(string? ApiKey, string? ClientId, string? ClientSecret, Uri? TokenUrl, Uri? Origin = null)
{
    public override string ToString() => "GreenhouseCredential { *** }";
}
