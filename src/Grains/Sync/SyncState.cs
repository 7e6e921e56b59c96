using GemScheduling.Greenhouse;
using GemScheduling.Sync.Events;

namespace GemScheduling.Sync;

[GenerateSerializer]
public sealed class SyncState
{
    [Id(0)] public SyncPass? Current { get; set; }
    [Id(1)] public SyncPass? Last { get; set; }
    [Id(2)] public Dictionary<ResourceKind, DateTimeOffset> Watermarks { get; set; } = [];
    [Id(3)] public DateTimeOffset? LastSucceededAt { get; set; }
    [Id(4)] public int FailedPassesInARow { get; set; }

    public void Apply(SyncEvent e)
    {
        switch (e)
        {
            case SyncPassStarted started:
                Current = new SyncPass
                {
                    Id = started.PassId, Mode = started.Mode, StartedAt = started.At, By = started.By,
                    Kinds = started.Since.ToDictionary(k => k.Key, k => new SyncKindProgress { Since = k.Value }),
                };
                break;
            case SyncPagesPlanned planned when Kind(planned.PassId, planned.Kind) is { } kind:
                kind.TotalPages = planned.TotalPages;
                kind.PageUrlTemplate = planned.PageUrlTemplate;
                kind.State = SyncStatus.Running;
                break;
            case SyncPageCompleted page when Kind(page.PassId, page.Kind) is { } kind:
                if (kind.PagesDone.Add(page.Page))
                    kind.Records += page.Records;
                kind.NextUrl = page.NextUrl;
                kind.State = SyncStatus.Running;
                break;
            case SyncKindRetrying retrying when Kind(retrying.PassId, retrying.Kind) is { } kind:
                kind.Attempts++;
                kind.LastError = retrying.Error;
                break;
            case SyncKindCompleted completed when Kind(completed.PassId, completed.Kind) is { } kind:
                kind.State = SyncStatus.Succeeded;
                kind.FinishedAt = completed.At;
                kind.TotalPages ??= kind.PagesDone.Count; // cursor paging learns the page count only at the end
                kind.Removed = completed.RemovedRecords;
                break;
            case SyncKindFailed failed when Kind(failed.PassId, failed.Kind) is { } kind:
                kind.State = SyncStatus.Failed;
                kind.FinishedAt = failed.At;
                kind.LastError = failed.Error;
                break;
            case SyncPassFinished finished when Current?.Id == finished.PassId:
                Current.FinishedAt = finished.At;
                Current.Succeeded = finished.Succeeded;
                if (finished.Succeeded)
                {
                    foreach (var kind in Current.Kinds.Keys)
                        Watermarks[kind] = Current.StartedAt;
                    LastSucceededAt = finished.At;
                    FailedPassesInARow = 0;
                }
                else
                {
                    FailedPassesInARow++;
                }

                Last = Current;
                Current = null;
                break;
        }
    }

    private SyncKindProgress? Kind(string passId, ResourceKind kind) =>
        Current?.Id == passId && Current.Kinds.TryGetValue(kind, out var progress) ? progress : null;
}

[GenerateSerializer]
public sealed class SyncPass
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public SyncMode Mode { get; set; }
    [Id(2)] public DateTimeOffset StartedAt { get; set; }
    [Id(3)] public string By { get; set; } = "";
    [Id(4)] public Dictionary<ResourceKind, SyncKindProgress> Kinds { get; set; } = [];
    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(6)] public bool Succeeded { get; set; }
}

[GenerateSerializer]
public sealed class SyncKindProgress
{
    [Id(0)] public string State { get; set; } = "pending";
    [Id(1)] public DateTimeOffset? Since { get; set; }
    [Id(2)] public int? TotalPages { get; set; }
    [Id(3)] public string? PageUrlTemplate { get; set; }
    [Id(4)] public HashSet<int> PagesDone { get; set; } = [];
    [Id(5)] public long Records { get; set; }
    [Id(6)] public string? NextUrl { get; set; }
    [Id(7)] public int Attempts { get; set; }
    [Id(8)] public string? LastError { get; set; }
    [Id(9)] public DateTimeOffset? FinishedAt { get; set; }
    [Id(10)] public int Removed { get; set; }

    public bool IsFinished => State is SyncStatus.Succeeded or SyncStatus.Failed;
}
