using GemScheduling.Schedules;

namespace GemScheduling.Planning.Booking;

/// <summary>The rules of a candidate's own booking that need no silo to check.</summary>
public static class BookingRules
{
    /// <summary>Inside the plan's cutoff before the first interview, only the recruiter may change the booking.</summary>
    public static bool TooLateToChange(BookingPlan plan, ScheduleView booked, DateTimeOffset now) =>
        booked.Interviews.All(i => i.Status != InterviewStatus.Scheduled) || now > booked.Interviews.Where(i => i.Status == InterviewStatus.Scheduled).Min(i => i.Start).AddHours(-plan.ChangeCutoffHours);

    /// <summary>
    /// Each booked interview with the open one that replaces it: the same step, in the same order when a step comes
    /// twice. A loop found for the same plan has the same steps, so every booked interview finds its pair.
    /// </summary>
    public static IReadOnlyList<(InterviewView Booked, SuggestedInterview Open)> Pair(ScheduleView booked, SuggestedLoop open)
    {
        var waiting = open.Interviews.OrderBy(i => i.Start).GroupBy(i => i.InterviewStepId).ToDictionary(g => g.Key, g => new Queue<SuggestedInterview>(g));
        return [.. booked.Interviews.Where(i => i.Status == InterviewStatus.Scheduled).OrderBy(i => i.Start)
            .Select(i => (i, waiting.TryGetValue(i.InterviewStepId, out var queue) && queue.Count > 0
                ? queue.Dequeue()
                : throw new InvalidOperationException($"The open loop has no {i.InterviewStepName} to move interview {i.Id} to.")))];
    }
}
