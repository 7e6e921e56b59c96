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
    /// twice. Null when they do not match one to one (the recruiter has since changed the loop's interviews).
    /// </summary>
    public static IReadOnlyList<(InterviewView Booked, SuggestedInterview Open)>? Pair(ScheduleView booked, SuggestedLoop open)
    {
        var waiting = open.Interviews.OrderBy(i => i.Start).GroupBy(i => i.InterviewStepId).ToDictionary(g => g.Key, g => new Queue<SuggestedInterview>(g));
        var pairs = new List<(InterviewView, SuggestedInterview)>();
        foreach (var interview in booked.Interviews.Where(i => i.Status == InterviewStatus.Scheduled).OrderBy(i => i.Start))
        {
            if (!waiting.TryGetValue(interview.InterviewStepId, out var queue) || queue.Count == 0)
                return null;
            pairs.Add((interview, queue.Dequeue()));
        }

        return waiting.Values.All(q => q.Count == 0) ? pairs : null;
    }
}
