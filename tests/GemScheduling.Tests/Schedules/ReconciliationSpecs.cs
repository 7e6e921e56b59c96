using System.Net.Http.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Schedules.Reconciliation;
using GemScheduling.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Schedules;

/// <summary>
/// Periodic reconciliation belongs to the org, not to each schedule: one reminder per org with schedules ahead, one
/// Greenhouse read per application per pass, and drift recorded only where Greenhouse differs.
/// </summary>
public abstract class ReconciliationSpecs(ConnectedApi api)
{
    /// <summary>Listings of interviews a pass over this many applications makes: v1/v2 one per application, v3 one per 50.</summary>
    protected abstract int InterviewListings(int applications);

    private sealed record Created(string Id);

    private sealed record Settled(string Id, IReadOnlyList<SettledInterview> Interviews, IReadOnlyList<DriftItem> Drift);

    private sealed record SettledInterview(string Id, long? GreenhouseInterviewId);

    private sealed record DriftItem(string InterviewId, string Kind);

    private async Task<string> CreateAsync(SchedulingTarget target)
    {
        var response = await api.Client.PostAsJsonAsync(api.Path("schedules"), api.OneInterview(target, api.NextSlot()));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private async Task<Settled> SettledAsync(string id)
    {
        await api.SettledAsync(id);
        return (await api.Client.GetFromJsonAsync<Settled>(api.Path($"schedules/{id}")))!;
    }

    [Fact]
    public async Task Given_three_schedules_on_two_applications_when_the_org_reconciles_then_each_application_is_read_once_and_only_the_moved_interview_drifts()
    {
        // Given two schedules for one application and one for another, all written to Greenhouse
        var first = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var second = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var ids = new[] { await CreateAsync(first), await CreateAsync(first), await CreateAsync(second) };
        var settled = new List<Settled>();
        foreach (var id in ids)
            settled.Add(await SettledAsync(id));
        // and one of them moved in Greenhouse's UI
        var moved = settled[1].Interviews[0].GreenhouseInterviewId!.Value;
        var newTime = api.NextSlot();
        api.Greenhouse.UpdateInterviewInUi(moved, new InterviewUiChanges { Start = InterviewTime.At(newTime), End = InterviewTime.At(newTime.AddHours(1)) });
        var before = api.Greenhouse.CallLog().LastOrDefault()?.Sequence ?? 0;

        // When the org's periodic pass runs
        var pass = await api.Api.Services.GetRequiredService<IGrainFactory>().GetGrain<IOrgReconcilerGrain>(api.OrgId).ReconcileNow();

        // Then Greenhouse was read once per application, and only the moved schedule has drift
        var listings = api.Greenhouse.CallLog().Count(c => c.Sequence > before && c.Method == "GET"
            && (c.PathAndQuery.Contains("/scheduled_interviews", StringComparison.Ordinal) || c.PathAndQuery.StartsWith("/v3/interviews?", StringComparison.Ordinal)));
        Assert.True(pass.Schedules >= 3, $"the pass saw {pass.Schedules} schedules");
        Assert.True(pass.ApplicationsRead < pass.Schedules, $"{pass.ApplicationsRead} applications for {pass.Schedules} schedules: each is read once");
        Assert.Equal(InterviewListings(pass.ApplicationsRead), listings);
        var after = new List<Settled>();
        foreach (var id in ids)
            after.Add((await api.Client.GetFromJsonAsync<Settled>(api.Path($"schedules/{id}")))!);
        Assert.Contains(after[1].Drift, d => d.Kind == "moved_in_greenhouse");
        Assert.Empty(after[0].Drift);
        Assert.Empty(after[2].Drift);
    }

    [Fact]
    public async Task Given_schedules_when_they_are_created_then_the_cluster_holds_one_reconcile_reminder_for_the_org_and_none_per_schedule()
    {
        var target = api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber())!;
        var ids = new[] { await CreateAsync(target), await CreateAsync(target) };
        foreach (var id in ids)
            await SettledAsync(id);

        var reminders = (await api.Api.Services.GetRequiredService<IReminderTable>().ReadRows(0, uint.MaxValue)).Reminders;

        Assert.Single(reminders, r => r.ReminderName == "reconcile" && r.GrainId.Key.ToString() == api.OrgId);
        Assert.DoesNotContain(reminders, r => r.GrainId.Key.ToString()!.Contains(ids[0], StringComparison.Ordinal));
    }
}

public sealed class ReconciliationSpecsV1(ConnectedApi api) : ReconciliationSpecs(api), IClassFixture<ConnectedApi>
{
    protected override int InterviewListings(int applications) => applications;
}

public sealed class ReconciliationSpecsV3(ConnectedApiV3 api) : ReconciliationSpecs(api), IClassFixture<ConnectedApiV3>
{
    protected override int InterviewListings(int applications) => (applications + 49) / 50;
}
