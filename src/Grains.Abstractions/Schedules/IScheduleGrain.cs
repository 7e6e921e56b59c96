using Orleans.Concurrency;

namespace GemScheduling.Schedules;

/// <summary>
/// One interview schedule for an application, event-sourced, with an outbox of Greenhouse writes it performs one at a
/// time, exactly once. Keyed <c>{orgId}/{scheduleId}</c>.
/// </summary>
[Alias("gs.schedule")]
public interface IScheduleGrain : IGrainWithStringKey
{
    [Alias("create")]
    Task<ScheduleView> Create(CreateSchedule command);

    [Alias("update")]
    Task<ScheduleView> Update(UpdateSchedule command);

    [Alias("cancel")]
    Task<ScheduleView> Cancel(string reason, string actor, int? expectedVersion);

    /// <summary>Null when no schedule exists under this key.</summary>
    [Alias("get")]
    Task<ScheduleView?> Get();

    [Alias("history")]
    Task<IReadOnlyList<HistoryEntry>> History();

    /// <summary>Compares with Greenhouse now; what differs becomes drift on the schedule.</summary>
    [Alias("reconcile")]
    Task<ScheduleView> Reconcile(string actor);

    /// <summary>
    /// Tries every write that failed for good again, from scratch (after a long outage, or once a permission is granted);
    /// each still checks Greenhouse first, so none is written twice.
    /// </summary>
    [Alias("retry-failed-writes")]
    Task<ScheduleView> RetryFailedWrites(string actor);

    /// <summary>
    /// The slots this schedule has stored on one interviewer's calendar (none when it does not exist or is cancelled).
    /// Interleaves, so a calendar can ask while this schedule waits on that calendar.
    /// </summary>
    [Alias("slots-on"), AlwaysInterleave]
    Task<IReadOnlyList<Interviewers.BookedSlot>> SlotsOn(string calendarKey);

    /// <summary>Runs the pending Greenhouse writes now (the reminder does this after a crash or a failure).</summary>
    [Alias("drive-outbox")]
    Task DriveOutbox();

    public static string Key(string orgId, string scheduleId) => new ScheduleKey(orgId, scheduleId).ToString();
}
