using System.Collections.Concurrent;
using GemScheduling.Greenhouse;

namespace GemScheduling.Persistence.ReadModel;

/// <summary>The embedded default's read model: the same behaviour as PostgreSQL, in process memory.</summary>
public sealed class InMemoryGreenhouseReadModel : IGreenhouseReadModel
{
    private sealed record Row(object Record, DateTimeOffset SyncedAt, DateTimeOffset? RemovedAt);

    private readonly ConcurrentDictionary<(string Org, ResourceKind Kind), SortedDictionary<long, Row>> _tables = new();
    private readonly ConcurrentDictionary<(string Org, long Application), bool> _tracked = new();

    private SortedDictionary<long, Row> Table(string orgId, ResourceKind kind) => _tables.GetOrAdd((orgId, kind), _ => []);

    public Task UpsertAsync<T>(string orgId, IReadOnlyList<T> records, DateTimeOffset syncedAt, CancellationToken cancellationToken = default) where T : class
    {
        var table = Table(orgId, ResourceKinds.Of<T>());
        lock (table)
            foreach (var record in records)
                table[Id(record)] = new Row(record, syncedAt, null);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Application>> UpsertApplicationsAsync(string orgId, IReadOnlyList<Application> records, DateTimeOffset syncedAt, CancellationToken cancellationToken = default)
    {
        var table = Table(orgId, ResourceKind.Applications);
        var changed = new List<Application>();
        lock (table)
        {
            foreach (var record in records)
            {
                if (table.TryGetValue(record.Id, out var old) && old.Record is Application before && _tracked.ContainsKey((orgId, record.Id)) &&
                    (before.JobId != record.JobId || before.Status != record.Status || before.CurrentStageId != record.CurrentStageId))
                    changed.Add(record);
                table[record.Id] = new Row(record, syncedAt, null);
            }
        }

        return Task.FromResult<IReadOnlyList<Application>>(changed);
    }

    public Task<int> MarkUnseenRemovedAsync(string orgId, ResourceKind kind, DateTimeOffset passStartedAt, CancellationToken cancellationToken = default)
    {
        var table = Table(orgId, kind);
        var removed = 0;
        lock (table)
        {
            foreach (var (id, row) in table.Where(r => r.Value.SyncedAt < passStartedAt && r.Value.RemovedAt is null).ToList())
            {
                table[id] = row with { RemovedAt = passStartedAt };
                removed++;
            }
        }

        return Task.FromResult(removed);
    }

    public Task<int> MarkRemovedAsync(string orgId, ResourceKind kind, IReadOnlyCollection<long> ids, DateTimeOffset removedAt, CancellationToken cancellationToken = default)
    {
        var table = Table(orgId, kind);
        var removed = 0;
        lock (table)
        {
            foreach (var id in ids.Distinct())
            {
                if (table.TryGetValue(id, out var row) && row.RemovedAt is null)
                {
                    table[id] = row with { RemovedAt = removedAt };
                    removed++;
                }
            }
        }

        return Task.FromResult(removed);
    }

    public Task TrackApplicationAsync(string orgId, long applicationId, CancellationToken cancellationToken = default)
    {
        _tracked[(orgId, applicationId)] = true;
        return Task.CompletedTask;
    }

    public Task<T?> GetAsync<T>(string orgId, long id, CancellationToken cancellationToken = default) where T : class
    {
        var table = Table(orgId, ResourceKinds.Of<T>());
        lock (table)
            return Task.FromResult(table.TryGetValue(id, out var row) && row.RemovedAt is null ? (T)row.Record : null);
    }

    public Task<IReadOnlyList<T>> GetManyAsync<T>(string orgId, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) where T : class
    {
        var table = Table(orgId, ResourceKinds.Of<T>());
        lock (table)
            return Task.FromResult<IReadOnlyList<T>>(ids.Distinct().Order()
                .Select(id => table.TryGetValue(id, out var row) && row.RemovedAt is null ? (T)row.Record : null)
                .OfType<T>().ToList());
    }

    public async Task<ApplicationRecords?> GetApplicationRecordsAsync(string orgId, long applicationId, IReadOnlyCollection<long> userIds, CancellationToken cancellationToken = default)
    {
        if (await GetAsync<Application>(orgId, applicationId, cancellationToken) is not { } application)
            return null;
        var candidate = await GetAsync<Candidate>(orgId, application.CandidateId, cancellationToken);
        var users = await GetManyAsync<GreenhouseUser>(orgId, userIds, cancellationToken);
        var job = application.JobId is { } jobId ? await GetAsync<Job>(orgId, jobId, cancellationToken) : null;
        if (job is null)
            return new ApplicationRecords(application, candidate, null, [], [], users);
        var stages = await ListAsync<JobStage>(orgId, new ReadQuery { JobId = job.Id, Limit = 500 }, cancellationToken);
        var posts = await ListAsync<JobPost>(orgId, new ReadQuery { JobId = job.Id, Limit = 50 }, cancellationToken);
        return new ApplicationRecords(application, candidate, job, stages.Items, posts.Items, users);
    }

    public Task<Page<T>> ListAsync<T>(string orgId, ReadQuery query, CancellationToken cancellationToken = default) where T : class
    {
        var table = Table(orgId, ResourceKinds.Of<T>());
        List<T> items;
        lock (table)
        {
            items = table.Where(r => r.Key > (query.AfterId ?? long.MinValue) && r.Value.RemovedAt is null)
                .Select(r => (T)r.Value.Record)
                .Where(r => Matches(r, query, orgId))
                .Take(query.Limit + 1)
                .ToList();
        }

        var more = items.Count > query.Limit;
        if (more)
            items.RemoveAt(items.Count - 1);
        return Task.FromResult(new Page<T>(items, more ? Id(items[^1]) : null));
    }

    public Task<long> CountAsync(string orgId, ResourceKind kind, CancellationToken cancellationToken = default)
    {
        var table = Table(orgId, kind);
        lock (table)
            return Task.FromResult((long)table.Values.Count(r => r.RemovedAt is null));
    }

    private bool Matches(object record, ReadQuery q, string orgId) => record switch
    {
        Job j => (q.Status is null || j.Status == q.Status) && (q.OfficeId is null || j.Offices.Any(o => o.Id == q.OfficeId))
                 && (q.DepartmentId is null || j.Departments.Any(d => d.Id == q.DepartmentId)),
        JobPost p => (q.JobId is null || p.JobId == q.JobId) && (q.Live is null || p.Live == q.Live),
        JobStage s => q.JobId is null || s.JobId == q.JobId,
        GreenhouseUser u => (q.Email is null || u.Emails.Append(u.PrimaryEmail ?? "").Contains(q.Email, StringComparer.OrdinalIgnoreCase))
                            && (q.Name is null || u.Name.Contains(q.Name, StringComparison.OrdinalIgnoreCase))
                            && (q.IncludeDisabled || !u.Disabled),
        Candidate c => (q.Email is null || c.Emails.Contains(q.Email, StringComparer.OrdinalIgnoreCase))
                       && (q.Name is null || c.DisplayName.Contains(q.Name, StringComparison.OrdinalIgnoreCase)),
        Application a => (q.JobId is null || a.JobId == q.JobId) && (q.Status is null || a.Status == q.Status)
                         && (q.StageId is null || a.CurrentStageId == q.StageId) && (q.CandidateId is null || a.CandidateId == q.CandidateId),
        _ => true,
    };

    private static long Id(object record) => record switch
    {
        Office o => o.Id,
        GreenhouseUser u => u.Id,
        Job j => j.Id,
        JobPost p => p.Id,
        JobStage s => s.Id,
        Candidate c => c.Id,
        Application a => a.Id,
        _ => throw new ArgumentException($"{record.GetType()} is not a synced Greenhouse resource."),
    };
}
