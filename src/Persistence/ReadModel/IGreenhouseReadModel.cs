using GemScheduling.Greenhouse;

namespace GemScheduling.Persistence.ReadModel;

/// <summary>
/// GemScheduling's copy of each org's Greenhouse data, written by the sync a page at a time (set-based, never row by
/// row) and read by the API and by scheduling. Records a full pass did not see are marked removed, not left stale.
/// </summary>
public interface IGreenhouseReadModel
{
    Task UpsertAsync<T>(string orgId, IReadOnlyList<T> records, DateTimeOffset syncedAt, CancellationToken cancellationToken = default) where T : class;

    /// <summary>Upserts applications; returns the tracked ones (with schedules) whose job, status or stage changed.</summary>
    Task<IReadOnlyList<Application>> UpsertApplicationsAsync(string orgId, IReadOnlyList<Application> records, DateTimeOffset syncedAt, CancellationToken cancellationToken = default);

    /// <summary>After a full pass of <paramref name="kind"/>: anything not synced since the pass began is gone from Greenhouse.</summary>
    Task<int> MarkUnseenRemovedAsync(string orgId, ResourceKind kind, DateTimeOffset passStartedAt, CancellationToken cancellationToken = default);

    /// <summary>These records are gone from Greenhouse (a targeted read no longer finds them); returns how many were still present.</summary>
    Task<int> MarkRemovedAsync(string orgId, ResourceKind kind, IReadOnlyCollection<long> ids, DateTimeOffset removedAt, CancellationToken cancellationToken = default);

    /// <summary>Marks an application as having schedules, so the sync tells its grain when it changes.</summary>
    Task TrackApplicationAsync(string orgId, long applicationId, CancellationToken cancellationToken = default);

    Task<T?> GetAsync<T>(string orgId, long id, CancellationToken cancellationToken = default) where T : class;

    Task<IReadOnlyList<T>> GetManyAsync<T>(string orgId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) where T : class;

    Task<Page<T>> ListAsync<T>(string orgId, ReadQuery query, CancellationToken cancellationToken = default) where T : class;

    /// <summary>
    /// An application with its candidate, its job, the job's stages (up to 500) and posts (up to 50), and the users of
    /// <paramref name="userIds"/> found in the copy (the interviewers a change names): what scheduling reads for every
    /// change, in one round trip. Null when the application is not in the copy.
    /// </summary>
    Task<ApplicationRecords?> GetApplicationRecordsAsync(string orgId, long applicationId, IReadOnlyCollection<long> userIds, CancellationToken cancellationToken = default);

    Task<long> CountAsync(string orgId, ResourceKind kind, CancellationToken cancellationToken = default);
}

/// <summary>An application and the records around it; a job GemScheduling does not have comes with no stages or posts.</summary>
public sealed record ApplicationRecords(
    Application Application, Candidate? Candidate, Job? Job, IReadOnlyList<JobStage> Stages, IReadOnlyList<JobPost> Posts, IReadOnlyList<GreenhouseUser> Users);

/// <summary>A page of a list in id order; <see cref="NextAfterId"/> is where the next page starts.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long? NextAfterId);

/// <summary>Filters the read API offers; members that do not apply to a resource kind are ignored.</summary>
public sealed record ReadQuery
{
    public int Limit { get; init; } = 50;
    public long? AfterId { get; init; }
    public string? Status { get; init; }
    public long? JobId { get; init; }
    public long? OfficeId { get; init; }
    public long? DepartmentId { get; init; }
    public long? StageId { get; init; }
    public long? CandidateId { get; init; }
    public string? Email { get; init; }
    public string? Name { get; init; }
    public bool? Live { get; init; }
    public bool IncludeDisabled { get; init; } = true;
}

public static class ResourceKinds
{
    public static ResourceKind Of<T>() => Of(typeof(T));

    public static ResourceKind Of(Type type) => type.Name switch
    {
        nameof(Office) => ResourceKind.Offices,
        nameof(GreenhouseUser) => ResourceKind.Users,
        nameof(Job) => ResourceKind.Jobs,
        nameof(JobPost) => ResourceKind.JobPosts,
        nameof(JobStage) => ResourceKind.JobStages,
        nameof(Candidate) => ResourceKind.Candidates,
        nameof(Application) => ResourceKind.Applications,
        _ => throw new ArgumentException($"{type} is not a synced Greenhouse resource."),
    };
}
