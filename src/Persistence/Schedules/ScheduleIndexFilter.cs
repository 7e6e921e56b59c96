namespace GemScheduling.Persistence.Schedules;

internal static class ScheduleIndexFilter
{
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(10);
    public const int StuckAttempts = 3;

    public static bool Matches(ScheduleIndexEntry e, ScheduleIndexQuery q) =>
        (q.ApplicationId is null || e.ApplicationId == q.ApplicationId) && q.Status switch
        {
            null => true,
            "failed" => e.FailedWrites > 0,
            "stuck" => IsStuck(e, q.Now),
            "attention" => e.FailedWrites > 0 || IsStuck(e, q.Now) || e.DriftCount > 0,
            "pending" => e.PendingWrites > 0,
            var status => e.Status == status,
        };

    private static bool IsStuck(ScheduleIndexEntry e, DateTimeOffset now) =>
        e.PendingWrites > 0 && (e.MaxAttempts >= StuckAttempts || e.OldestPendingAt < now - StuckAfter);
}
