using GemScheduling.Orgs;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

[GenerateSerializer]
public sealed class ScheduleState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Id { get; set; } = "";
    [Id(2)] public long ApplicationId { get; set; }
    [Id(3)] public long CandidateId { get; set; }
    [Id(4)] public long? JobId { get; set; }
    [Id(5)] public ScheduleStatus Status { get; set; } = ScheduleStatus.Active;
    [Id(6)] public ActingUser Organizer { get; set; } = new(0, "", null);
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public string CreatedBy { get; set; } = "";
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(10)] public string? CancelReason { get; set; }
    [Id(11)] public string? IdempotencyFingerprint { get; set; }
    [Id(12)] public List<InterviewRecord> Interviews { get; set; } = [];
    [Id(13)] public List<MutationRecord> Outbox { get; set; } = [];
    [Id(14)] public List<DriftRecord> Drift { get; set; } = [];
    [Id(15)] public bool CalendarsConfirmed { get; set; }

    /// <summary>Counts changes to what was scheduled (not outbox progress): the schedule's ETag.</summary>
    [Id(16)] public int Revision { get; set; }

    /// <summary>The booking link the candidate booked this schedule through; their emails carry its manage link.</summary>
    [Id(17)] public string? BookingLinkId { get; set; }

    /// <summary>
    /// Calendars a change or a cancel took this schedule off, until its calendars are confirmed. A confirmed booking stands
    /// until released, so a command interrupted between its append and the releases leaves them here for the repeat (or
    /// the next activation) to finish.
    /// </summary>
    [Id(18)] public HashSet<string> CalendarsToRelease { get; set; } = [];

    public IEnumerable<InterviewRecord> Current => Interviews.Where(i => !i.Removed);

    public InterviewRecord Interview(string id) => Interviews.Single(i => i.Plan.Id == id);

    private HashSet<string> CurrentCalendars() => Current.SelectMany(i => i.Plan.Interviewers).Select(i => i.CalendarKey).ToHashSet();

    public MutationRecord Mutation(string id) => Outbox.Single(m => m.Id == id);

    public void Apply(ScheduleEvent e)
    {
        UpdatedAt = e.At;
        switch (e)
        {
            case ScheduleCreated created:
                Exists = true;
                (Id, ApplicationId, CandidateId, JobId, Organizer) = (created.ScheduleId, created.ApplicationId, created.CandidateId, created.JobId, created.Organizer);
                (CreatedAt, CreatedBy, IdempotencyFingerprint, BookingLinkId) = (created.At, created.By, created.IdempotencyFingerprint, created.BookingLinkId);
                Interviews = created.Interviews.Select(p => new InterviewRecord { Plan = p }).ToList();
                Revision = 1;
                break;
            case InterviewsChanged changed:
            {
                var before = CurrentCalendars();
                foreach (var plan in changed.Changed)
                    Interview(plan.Id).Plan = plan;
                Interviews.AddRange(changed.Added.Select(p => new InterviewRecord { Plan = p }));
                foreach (var removed in changed.Removed)
                    Interview(removed).Removed = true;
                var after = CurrentCalendars();
                CalendarsToRelease.UnionWith(before.Except(after));
                CalendarsToRelease.ExceptWith(after);
                CalendarsConfirmed = false;
                Revision++;
                break;
            }
            case ScheduleCancelled cancelled:
                CalendarsToRelease.UnionWith(CurrentCalendars());
                Status = ScheduleStatus.Cancelled;
                CancelReason = cancelled.Reason;
                foreach (var interview in Interviews)
                    interview.Removed = true;
                CalendarsConfirmed = false;
                Revision++;
                break;
            case Events.CalendarsConfirmed:
                CalendarsConfirmed = true;
                CalendarsToRelease.Clear();
                break;
            case MutationRequested requested:
                Outbox.Add(new MutationRecord
                {
                    Id = requested.MutationId, Kind = requested.Kind, InterviewId = requested.InterviewId, NoteBody = requested.NoteBody,
                    Email = requested.Email, RequestedAt = requested.At, NextAttemptAt = requested.At, Attempts = requested.Armed ? 1 : 0,
                });
                break;
            case MutationAttempted attempted:
                Mutation(attempted.MutationId).Attempts = attempted.Attempt;
                break;
            case MutationSucceeded succeeded:
            {
                var m = Mutation(succeeded.MutationId);
                (m.Status, m.CompletedAt, m.GreenhouseId, m.LastError, m.Detail) = (MutationStatus.Succeeded, succeeded.At, succeeded.GreenhouseId, null, succeeded.Detail);
                if (m.InterviewId is not null && m.Kind == MutationKind.CreateInterview)
                    Interview(m.InterviewId).GreenhouseId = succeeded.GreenhouseId;
                if (m.InterviewId is not null && m.Kind == MutationKind.DeleteInterview)
                    Interview(m.InterviewId).DeletedInGreenhouse = true;
                break;
            }
            case MutationDeferred deferred:
            {
                var m = Mutation(deferred.MutationId);
                (m.Attempts, m.NextAttemptAt) = (deferred.Attempts, deferred.Until);
                break;
            }
            case MutationRetryScheduled retry:
            {
                var m = Mutation(retry.MutationId);
                (m.LastError, m.NextAttemptAt) = (retry.Error, retry.NextAttemptAt);
                m.Tries++;
                break;
            }
            case MutationFailed failed:
            {
                var m = Mutation(failed.MutationId);
                (m.Status, m.CompletedAt, m.LastError) = (MutationStatus.Failed, failed.At, failed.Error);
                break;
            }
            case MutationRedriven redriven:
            {
                var m = Mutation(redriven.MutationId);
                (m.Status, m.CompletedAt, m.NextAttemptAt, m.Tries) = (MutationStatus.Pending, null, redriven.At, 0);
                break;
            }
            case MutationSkipped skipped:
            {
                var m = Mutation(skipped.MutationId);
                (m.Status, m.CompletedAt, m.Detail, m.SkipReason) = (MutationStatus.Skipped, skipped.At, skipped.Reason, skipped.Why);
                break;
            }
            case DriftDetected drift:
                Drift.Add(new DriftRecord { InterviewId = drift.InterviewId, Kind = drift.Kind, Detail = drift.Detail, Fingerprint = drift.Fingerprint, DetectedAt = drift.At });
                break;
        }
    }
}

[GenerateSerializer]
public sealed class InterviewRecord
{
    [Id(0)] public PlannedInterview Plan { get; set; } = null!;
    [Id(1)] public bool Removed { get; set; }
    [Id(2)] public long? GreenhouseId { get; set; }
    [Id(3)] public bool DeletedInGreenhouse { get; set; }
}

[GenerateSerializer]
public sealed class MutationRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public MutationKind Kind { get; set; }
    [Id(2)] public string? InterviewId { get; set; }
    [Id(3)] public MutationStatus Status { get; set; } = MutationStatus.Pending;
    [Id(4)] public int Attempts { get; set; }
    [Id(5)] public DateTimeOffset RequestedAt { get; set; }
    [Id(6)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(7)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(8)] public string? LastError { get; set; }
    [Id(9)] public long? GreenhouseId { get; set; }
    [Id(10)] public string? NoteBody { get; set; }
    [Id(11)] public EmailMessage? Email { get; set; }
    [Id(12)] public string? Detail { get; set; }

    /// <summary>Failed tries of any kind, for the backoff (Attempts counts only tries that may have written).</summary>
    [Id(13)] public int Tries { get; set; }

    [Id(14)] public SkipReason? SkipReason { get; set; }

    public bool IsPending => Status == MutationStatus.Pending;
}

[GenerateSerializer]
public sealed class DriftRecord
{
    [Id(0)] public string InterviewId { get; set; } = "";
    [Id(1)] public DriftKind Kind { get; set; }
    [Id(2)] public string Detail { get; set; } = "";
    [Id(3)] public string Fingerprint { get; set; } = "";
    [Id(4)] public DateTimeOffset DetectedAt { get; set; }
}
