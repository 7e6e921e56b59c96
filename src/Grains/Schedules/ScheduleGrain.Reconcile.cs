using GemScheduling.Greenhouse;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

/// <summary>
/// Reconciliation: compares the application's interviews in Greenhouse with this schedule and records what differs as
/// drift. Nothing is overwritten either way; a coordinator decides. Only new drift is recorded (a pass that finds
/// nothing new writes nothing). On demand the schedule reads Greenhouse itself; the periodic pass is the org's
/// (<see cref="Reconciliation.OrgReconcilerGrain"/>), which reads each application once for all its schedules.
/// </summary>
public sealed partial class ScheduleGrain
{
    public Task<ScheduleView> Reconcile(string actor) => ReconcileAsync(actor, GreenhouseLane.Interactive);

    private async Task<ScheduleView> ReconcileAsync(string actor, GreenhouseLane lane)
    {
        if (!State.Exists)
            throw new ResourceNotFoundException($"No schedule '{ScheduleId}' exists here.");
        var (client, _) = await ClientAsync(lane);
        await CompareAsync(await client.InterviewsAsync(State.ApplicationId, null, default), actor);
        return View();
    }

    /// <summary>The org's reconciler read the application's interviews once for all its schedules; true if new drift was found.</summary>
    public async Task<bool> ReconcileWith(IReadOnlyList<GreenhouseInterview> inGreenhouse, string actor) =>
        State.Exists && State.Status == ScheduleStatus.Active && await CompareAsync(inGreenhouse, actor);

    private async Task<bool> CompareAsync(IReadOnlyList<GreenhouseInterview> inGreenhouse, string actor)
    {
        var byId = inGreenhouse.ToDictionary(i => i.Id);
        var found = new List<(string Interview, DriftKind Kind, string Detail)>();

        foreach (var interview in State.Interviews)
        {
            var settled = !State.Outbox.Any(m => m.IsPending && m.InterviewId == interview.Plan.Id);
            if (!settled || interview.GreenhouseId is not { } id)
                continue;
            var plan = interview.Plan;
            byId.TryGetValue(id, out var remote);
            if (interview.Removed)
            {
                if (remote is not null && interview.DeletedInGreenhouse)
                    found.Add((plan.Id, DriftKind.StillInGreenhouse, $"Interview {id} was deleted by GemScheduling but Greenhouse still lists it."));
                continue;
            }

            if (remote is null)
            {
                found.Add((plan.Id, DriftKind.DeletedInGreenhouse, $"Interview {id} ({plan.InterviewStepName}) no longer exists in Greenhouse."));
                continue;
            }

            if (remote.Start != plan.Start || remote.End != plan.End)
                found.Add((plan.Id, DriftKind.MovedInGreenhouse,
                    $"Greenhouse has {Show(remote.Start, remote.AllDayStart)} – {Show(remote.End, remote.AllDayStart)}; GemScheduling has {plan.Start:u} – {plan.End:u}."));

            var remotePanel = remote.Interviewers.Select(i => i.CalendarKey).Order().ToList();
            var ourPanel = plan.Interviewers.Select(i => i.CalendarKey).Order().ToList();
            if (!remotePanel.SequenceEqual(ourPanel))
                found.Add((plan.Id, DriftKind.PanelChangedInGreenhouse,
                    $"Greenhouse interviewers [{string.Join(", ", remotePanel)}] differ from GemScheduling's [{string.Join(", ", ourPanel)}]."));

            if (remote.Status is not ("scheduled" or "awaiting_feedback") && plan.End > Now)
                found.Add((plan.Id, DriftKind.NotActionableInGreenhouse, $"Greenhouse marks interview {id} '{remote.Status}'; GemScheduling can no longer change it."));
        }

        // Interviews carrying this schedule's external ids that it does not know: a duplicate created outside its outbox.
        var ours = State.Interviews.Select(i => i.GreenhouseId).OfType<long>().ToHashSet();
        foreach (var stray in inGreenhouse.Where(i => ScheduleTexts.InterviewIdIn(ScheduleId, i.ExternalEventId) is not null && !ours.Contains(i.Id)))
            found.Add((ScheduleTexts.InterviewIdIn(ScheduleId, stray.ExternalEventId)!, DriftKind.DuplicateInGreenhouse, $"Greenhouse interview {stray.Id} carries this schedule's id but is not the one GemScheduling created."));

        var now = Now;
        var fresh = found.Where(f => !State.Drift.Any(d => d.Fingerprint == Fingerprint(f))).ToList();
        if (fresh.Count == 0)
            return false;
        List<ScheduleEvent> events =
        [
            .. fresh.Select(f => new DriftDetected(f.Interview, f.Kind, f.Detail, Fingerprint(f), now)),
            new ScheduleReconciled(inGreenhouse.Count, fresh.Count, now, actor),
        ];
        await ExecuteAsync(s => events.OfType<DriftDetected>().All(d => s.Drift.Any(x => x.Fingerprint == d.Fingerprint)) ? [] : events, actor);
        await WriteIndexAsync();
        return true;
    }

    private async Task RecordDriftAsync(string interviewId, DriftKind kind, string detail)
    {
        var fingerprint = Fingerprint((interviewId, kind, detail));
        await ExecuteAsync(s => s.Drift.Any(d => d.Fingerprint == fingerprint) ? [] : [new DriftDetected(interviewId, kind, detail, fingerprint, Now)]);
    }

    private static string Fingerprint((string Interview, DriftKind Kind, string Detail) drift) => $"{drift.Kind.Wire()}:{drift.Interview}:{drift.Detail}";

    private static string Show(DateTimeOffset? instant, string? allDay) => instant?.ToString("u") ?? allDay ?? "?";
}
