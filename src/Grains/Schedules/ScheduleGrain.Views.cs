using Microsoft.Extensions.Logging;
using GemScheduling.Persistence.Schedules;

namespace GemScheduling.Schedules;

public sealed partial class ScheduleGrain
{
    private ScheduleView View()
    {
        var interviews = State.Interviews.Where(i => !i.Removed || State.Status == ScheduleStatus.Cancelled).Select(i =>
        {
            var plan = i.Plan;
            var writes = State.Outbox.Where(m => m.InterviewId == plan.Id).ToList();
            return new InterviewView(plan.Id, plan.InterviewStepId, plan.InterviewStepName,
                plan.Interviewers.Select(p => new InterviewerView(p.UserId, p.Email, p.Name)).ToList(),
                plan.Start, plan.End, plan.TimeZone, plan.Location, plan.VideoConferencingUrl,
                i.Removed ? InterviewStatus.Cancelled : InterviewStatus.Scheduled, ScheduleTexts.ExternalEventId(ScheduleId, plan.Id), i.GreenhouseId,
                WriteBack(writes), writes.LastOrDefault(w => w.Status == MutationStatus.Failed || (w.IsPending && w.LastError is not null))?.LastError);
        }).ToList();

        // Degraded mode made visible: writes skipped because a permission is missing or the candidate has no email.
        var warnings = State.Outbox.Where(m => m.Status == MutationStatus.Skipped && m.SkipReason is SkipReason.MissingPermission or SkipReason.NoCandidateEmail)
            .Select(m => $"{m.Kind.Wire()}: {m.Detail}").Distinct().ToList();

        return new ScheduleView(ScheduleId, State.ApplicationId, State.CandidateId, State.JobId, State.Status,
            new ActingUserView(State.Organizer.UserId, State.Organizer.Email, State.Organizer.Name), interviews, WriteBack(State.Outbox),
            State.Outbox.Select(m => new MutationView(m.Id, m.Kind, m.InterviewId, m.Status, m.Attempts, m.RequestedAt, m.CompletedAt,
                m.IsPending ? m.NextAttemptAt : null, m.LastError ?? (m.Status == MutationStatus.Skipped ? m.Detail : null), m.GreenhouseId)).ToList(),
            State.Drift.Select(d => new DriftView(d.InterviewId, d.Kind, d.Detail, d.DetectedAt)).ToList(),
            State.CreatedAt, State.CreatedBy, State.UpdatedAt, State.Revision, State.CancelReason, warnings);
    }

    private static WriteBackStatus WriteBack(IReadOnlyCollection<MutationRecord> writes) =>
        writes.Any(w => w.Status == MutationStatus.Failed) ? WriteBackStatus.Failed
        : writes.Any(w => w.IsPending) ? WriteBackStatus.Pending
        : writes.Count > 0 && writes.All(w => w.Status == MutationStatus.Skipped) ? WriteBackStatus.Skipped
        : WriteBackStatus.Synced;

    private async Task WriteIndexAsync()
    {
        try
        {
            var pending = State.Outbox.Where(m => m.IsPending).ToList();
            var current = State.Current.Select(i => i.Plan).ToList();
            await index.UpsertAsync(new ScheduleIndexEntry(OrgId, ScheduleId, State.ApplicationId, State.CandidateId, State.Status.Wire(),
                WriteBack(State.Outbox).Wire(), pending.Count, State.Outbox.Count(m => m.Status == MutationStatus.Failed),
                pending.Count == 0 ? null : pending.Min(m => m.RequestedAt), pending.Count == 0 ? 0 : pending.Max(m => Math.Max(m.Attempts, m.Tries)),
                current.Count == 0 ? null : current.Min(p => p.Start), current.Count == 0 ? null : current.Max(p => p.End),
                State.Drift.Count, Version, State.UpdatedAt,
                State.Current.Where(i => i.GreenhouseId is not null && !i.DeletedInGreenhouse).Select(i => i.GreenhouseId!.Value).ToList()));
        }
        catch (Exception ex)
        {
            // The index is a convenience for listing; the schedule itself is already durable.
            logger.LogWarning(ex, "Schedule index update for {ScheduleId} failed", ScheduleId);
        }
    }
}
