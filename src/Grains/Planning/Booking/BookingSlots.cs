using GemScheduling.Suggestions.Time;

namespace GemScheduling.Planning.Booking;

/// <summary>
/// A booking link's open times, computed live by the suggestion engine from the interviewers' busy time, working hours
/// and load limits: the whole loop on one day, steps in order with the plan's buffer between them. A candidate picks a
/// start; the loop behind it is searched again at booking time, so nothing the browser sends is trusted but the time.
/// </summary>
public sealed class BookingSlots(ILoopSuggester suggester, TimeProvider time)
{
    public const int MaxSlots = 50;

    public async Task<IReadOnlyList<OpenSlot>> OpenAsync(string orgId, BookingPlan plan, string timeZone, string? ignoreScheduleId, CancellationToken cancellationToken)
    {
        var (from, to) = Range(plan);
        if (to - from < Span(plan))
            return [];
        var found = await SearchAsync(orgId, plan, timeZone, from, to, ignoreScheduleId, cancellationToken);
        return [.. found.Options.Select(Slot).DistinctBy(s => s.Start).OrderBy(s => s.Start)];
    }

    /// <summary>The loop that starts at <paramref name="start"/>, if that time is still open; null when it is not.</summary>
    public async Task<SuggestedLoop?> FindAsync(string orgId, BookingPlan plan, string timeZone, DateTimeOffset start, string? ignoreScheduleId,
        CancellationToken cancellationToken)
    {
        var (from, to) = Range(plan);
        var end = start + Span(plan);
        if (start < from || end > to)
            return null;
        var found = await SearchAsync(orgId, plan, timeZone, start, end, ignoreScheduleId, cancellationToken);
        return found.Options.FirstOrDefault(o => Slot(o).Start == start);
    }

    /// <summary>The first and last instants a loop may take now: the plan's dates, less the notice the interviewers need.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Range(BookingPlan plan)
    {
        var earliest = time.GetUtcNow().AddHours(plan.MinimumNoticeHours);
        return (plan.From > earliest ? plan.From : earliest, plan.To);
    }

    /// <summary>How long the whole loop takes, buffers included.</summary>
    public static TimeSpan Span(BookingPlan plan) =>
        TimeSpan.FromMinutes(plan.Steps.Sum(s => s.DurationMinutes) + plan.BufferMinutes * Math.Max(0, plan.Steps.Count - 1));

    private static OpenSlot Slot(SuggestedLoop loop) => new(loop.Interviews.Min(i => i.Start), loop.Interviews.Max(i => i.End));

    private Task<LoopSuggestions> SearchAsync(string orgId, BookingPlan plan, string timeZone, DateTimeOffset from, DateTimeOffset to, string? ignoreScheduleId,
        CancellationToken cancellationToken) =>
        suggester.SuggestAsync(orgId, plan.ApplicationId,
            new SuggestLoopRequest([.. plan.Steps.Select(s => new LoopStepRequest(s.InterviewStepId, s.DurationMinutes, s.InterviewerPool, s.InterviewersNeeded))],
                KeepOrder: true, BreakMinutes: plan.BufferMinutes, MaxDays: 1, From: from, To: to, MaxOptions: MaxSlots, LeadTimeMinutes: 0),
            LoopOverrides.Anytime(from, to, TimeZones.TryFind(timeZone, out var zone) ? zone : TimeZoneInfo.Utc, ignoreScheduleId), cancellationToken);
}
