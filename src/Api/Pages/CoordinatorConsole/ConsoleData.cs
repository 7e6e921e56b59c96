using GemScheduling.Api.Harvest;
using GemScheduling.Budget;
using GemScheduling.Orgs;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Sync;

namespace GemScheduling.Api.Pages.CoordinatorConsole;

/// <summary>What the console's overview shows an org's coordinators; read through the same grains and index as the API.</summary>
public sealed record ConsoleOverviewModel(
    string OrgId, string OrgName, SyncStatus Sync, BudgetStatus Budget, GreenhouseConnectionView? Connection,
    IReadOnlyList<ScheduleIndexEntry> Attention, string? Notice, FormToken Antiforgery)
{
    /// <summary>A fingerprint of what the page shows, so the live stream speaks only when something changed.</summary>
    public string Fingerprint() => string.Join('|',
        Sync.State, Sync.PassId, string.Join(',', Sync.Kinds.Select(k => $"{k.Kind}:{k.State}:{k.PagesDone}")),
        string.Join(',', Attention.Select(a => $"{a.ScheduleId}:{a.WriteBack}:{a.FailedWrites}:{a.PendingWrites}")),
        Connection?.LastVerification?.CheckedAt);
}

/// <summary>The anti-forgery field every console form posts (PagesSetup names it), with this session's token.</summary>
public sealed record FormToken(string Field, string Token)
{
    public static readonly FormToken None = new("", "");
}

/// <summary>Which part of the console a page belongs to, for the navigation's current-page mark.</summary>
public enum ConsoleSection
{
    None,
    Overview,
    Applications,
}

internal static class ConsoleData
{
    public static async Task<string> OrgNameAsync(IGrainFactory grains, string orgId) => (await grains.Grain<IOrgGrain>(orgId).Get())?.Name ?? orgId;

    public static async Task<ConsoleOverviewModel> ReadAsync(string orgId, IGrainFactory grains, IScheduleIndex index, TimeProvider time,
        string? notice, FormToken antiforgery)
    {
        var org = grains.Grain<IOrgGrain>(orgId);
        var attention = await index.ListAsync(orgId, new ScheduleIndexQuery(null, "attention", 50, null, time.GetUtcNow()));
        return new ConsoleOverviewModel(orgId, (await org.Get())?.Name ?? orgId, await grains.Grain<ISyncGrain>(orgId).GetStatus(),
            await HarvestBudgetApi.CurrentBudgetAsync(orgId, grains), await org.GetConnection(), attention, notice, antiforgery);
    }
}
