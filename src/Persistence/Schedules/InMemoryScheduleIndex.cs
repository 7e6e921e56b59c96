using System.Collections.Concurrent;

namespace GemScheduling.Persistence.Schedules;

public sealed class InMemoryScheduleIndex : IScheduleIndex
{
    private readonly ConcurrentDictionary<(string Org, string Schedule), ScheduleIndexEntry> _entries = new();

    public Task UpsertAsync(ScheduleIndexEntry entry, CancellationToken cancellationToken = default)
    {
        _entries.AddOrUpdate((entry.OrgId, entry.ScheduleId), entry, (_, existing) => existing.Version > entry.Version ? existing : entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScheduleIndexEntry>> ListAsync(string orgId, ScheduleIndexQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ScheduleIndexEntry>>(_entries.Values
            .Where(e => e.OrgId == orgId && (query.AfterScheduleId is null || string.CompareOrdinal(e.ScheduleId, query.AfterScheduleId) > 0))
            .Where(e => ScheduleIndexFilter.Matches(e, query))
            .OrderBy(e => e.ScheduleId, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList());

    public Task<IReadOnlyList<ScheduleIndexEntry>> FindByGreenhouseInterviewAsync(string orgId, long greenhouseInterviewId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ScheduleIndexEntry>>(_entries.Values
            .Where(e => e.OrgId == orgId && e.GreenhouseInterviewIds?.Contains(greenhouseInterviewId) == true)
            .OrderBy(e => e.ScheduleId, StringComparer.Ordinal)
            .ToList());
}
