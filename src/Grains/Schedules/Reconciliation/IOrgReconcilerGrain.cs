using GemScheduling.Greenhouse;

namespace GemScheduling.Schedules.Reconciliation;

/// <summary>One per org: the periodic comparison of its upcoming schedules with Greenhouse.</summary>
[Alias("gs.org-reconciler")]
public interface IOrgReconcilerGrain : IGrainWithStringKey
{
    /// <summary>The org has a schedule with interviews ahead: make sure a pass is due.</summary>
    [Alias("track")]
    Task Track();

    [Alias("reconcile-now")]
    Task<ReconcilePass> ReconcileNow();
}

/// <summary>A schedule's side of the org's pass: compare with interviews read once for its application.</summary>
[Alias("gs.schedule-reconciliation")]
public interface IScheduleReconciliation : IGrainWithStringKey
{
    /// <summary>True when this comparison found drift not recorded before.</summary>
    [Alias("reconcile-with")]
    Task<bool> ReconcileWith(IReadOnlyList<GreenhouseInterview> inGreenhouse, string actor);
}

/// <summary>What one pass covered: schedules with interviews ahead, applications read, schedules with new drift.</summary>
[GenerateSerializer, Immutable, Alias("gs.reconcile-pass")]
public sealed record ReconcilePass(
    [property: Id(0)] int Schedules, [property: Id(1)] int ApplicationsRead, [property: Id(2)] int NewlyDrifted, [property: Id(3)] DateTimeOffset At);
