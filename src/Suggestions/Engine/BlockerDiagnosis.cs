using GemScheduling.Suggestions.Engine.Search;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Engine;

/// <summary>
/// Explains an empty result, from the most basic cause to the most subtle: no usable candidate availability, pools too
/// small, windows or days too short, interviewers who never overlap, are always busy or are at their limits, steps
/// that cannot be placed even alone, and finally steps that fit alone but not together.
/// </summary>
internal static class BlockerDiagnosis
{
    private const int MaxLimitDaysListed = 3;

    public static Diagnosis Diagnose(PreparedRequest request, SearchOutcome outcome)
    {
        var blockers = new List<string>();
        var dailySuspects = new List<long>();
        var weeklySuspects = new List<long>();
        var candidate = request.Candidate!;
        var steps = request.Steps;

        if (candidate.WindowCount == 0)
        {
            blockers.Add(NoWindowsReason(request));
            return new Diagnosis(blockers, dailySuspects, weeklySuspects);
        }

        var windows = Enumerable.Range(0, candidate.WindowCount).Select(candidate.Window).ToList();
        var longest = windows.Max(w => w.End - w.Start);
        foreach (var step in steps)
        {
            if (step.Pool.Length < step.Needed)
            {
                blockers.Add($"{step.Name} needs {step.Needed} interviewers but only {step.Pool.Length} in its pool have a usable profile");
            }

            if (step.Length > longest)
            {
                blockers.Add($"no candidate window is long enough for the {Describe(step.Length)} {step.Name} interview (the longest is {Describe(longest)})");
            }
        }

        DayCapacity(request, windows, blockers);
        var reasons = request.Interviewers.ToDictionary(
            i => i.Index, i => InterviewerReasons(request, i, windows, dailySuspects, weeklySuspects));
        if (blockers.Count == 0)
        {
            StepsAloneOrTogether(request, reasons, blockers);
        }

        if (outcome.BudgetExhausted)
        {
            blockers.Add($"the search stopped at its budget of {request.Options.SearchBudget} placement attempts before finding an option");
        }

        if (blockers.Count == 0)
        {
            blockers.Add("no combination of times and interviewers satisfies all constraints");
        }

        // Interviewers in several steps with a daily limit below that count are worth a try too.
        foreach (var interviewer in request.Interviewers)
        {
            var inSteps = steps.Count(s => s.Pool.Contains(interviewer.Index));
            if (inSteps > 1 && interviewer.MaxPerDay < inSteps && !dailySuspects.Contains(interviewer.UserId))
            {
                dailySuspects.Add(interviewer.UserId);
            }

            if (inSteps > 1 && interviewer.MaxPerWeek < inSteps && !weeklySuspects.Contains(interviewer.UserId))
            {
                weeklySuspects.Add(interviewer.UserId);
            }
        }

        return new Diagnosis(blockers, dailySuspects, weeklySuspects);
    }

    private static string NoWindowsReason(PreparedRequest request)
    {
        var all = request.Request.CandidateWindows;
        var options = request.Options;
        if (all.Count == 0)
        {
            return "the candidate has not shared any availability";
        }

        if (all.All(w => w.End <= options.EarliestStart))
        {
            return $"all of the candidate's availability is before the earliest allowed start ({options.EarliestStart:yyyy-MM-dd HH:mm}Z)";
        }

        return options.LatestEnd is { } latest
            ? $"none of the candidate's availability falls between the earliest start and the latest end ({latest:yyyy-MM-dd HH:mm}Z)"
            : "none of the candidate's availability windows is usable";
    }

    private static void DayCapacity(PreparedRequest request, List<(long Start, long End)> windows, List<string> blockers)
    {
        var steps = request.Steps;
        if (steps.Count < 2)
        {
            return;
        }

        var candidate = request.Candidate!;
        var perDay = new long[candidate.Dates.Length];
        foreach (var (start, end) in windows)
        {
            for (var d = candidate.DayIndex(start); d <= candidate.DayIndex(end - 1); d++)
            {
                perDay[d] += Math.Min(end, candidate.DayStart(d + 1)) - Math.Max(start, candidate.DayStart(d));
            }
        }

        var days = Math.Max(1, request.Options.MaxDays);
        var needed = steps.Sum(s => s.Length);
        var loop = needed + ((steps.Count - 1) * request.BreakTicks);
        var best = perDay.OrderDescending().Take(days).Sum();
        if (best >= needed)
        {
            return;
        }

        blockers.Add(days == 1
            ? $"no candidate window is long enough for a {Describe(loop)} loop on one day (the most available on one day is {Describe(best)})"
            : $"the candidate's availability on any {days} days ({Describe(best)} at most) is shorter than the {Describe(loop)} loop");
    }

    /// <summary>Why an interviewer cannot take any interview at all (empty if they can take some).</summary>
    private static List<string> InterviewerReasons(
        PreparedRequest request,
        InterviewerCalendar interviewer,
        List<(long Start, long End)> windows,
        List<long> dailySuspects,
        List<long> weeklySuspects)
    {
        var blockers = new List<string>();
        var lengths = request.Steps.Where(s => s.Pool.Contains(interviewer.Index)).Select(s => s.Length).ToList();
        if (lengths.Count == 0)
        {
            return blockers;
        }

        var shortest = lengths.Min();
        if (!interviewer.Work.Any(b => Overlaps(b, windows, shortest)))
        {
            blockers.Add($"{interviewer.DisplayName} has no working hours overlapping the candidate's windows");
            return blockers;
        }

        var free = interviewer.Free.Where(b => Overlaps(b, windows, shortest)).ToList();
        if (free.Count == 0)
        {
            blockers.Add($"{interviewer.DisplayName} is busy whenever their working hours overlap the candidate's windows");
            return blockers;
        }

        var fullDays = free.Where(b => interviewer.ExistingOnDay(b.Day) >= interviewer.MaxPerDay).Select(b => b.Day).Distinct().ToList();
        var fullWeeks = free.Where(b => interviewer.ExistingInWeek(b.Week) >= interviewer.MaxPerWeek).Select(b => b.Week).Distinct().ToList();
        if (fullDays.Count > 0)
        {
            dailySuspects.Add(interviewer.UserId);
        }

        if (fullWeeks.Count > 0)
        {
            weeklySuspects.Add(interviewer.UserId);
        }

        if (free.Any(b => !fullDays.Contains(b.Day) && !fullWeeks.Contains(b.Week)))
        {
            return blockers;
        }

        foreach (var week in fullWeeks)
        {
            blockers.Add($"{interviewer.DisplayName} reached {interviewer.MaxPerWeek} interviews in the week of {Durations.Day(WeekKey.Monday(week))}");
        }

        var days = fullDays.Where(d => !fullWeeks.Contains(WeekKey.Of(DateOnly.FromDayNumber(d)))).ToList();
        foreach (var day in days.Take(MaxLimitDaysListed))
        {
            blockers.Add($"{interviewer.DisplayName} reached {interviewer.MaxPerDay} interviews on {Durations.Day(DateOnly.FromDayNumber(day))}");
        }

        if (days.Count > MaxLimitDaysListed)
        {
            blockers.Add($"{interviewer.DisplayName} is also at the daily limit on {days.Count - MaxLimitDaysListed} more days");
        }

        return blockers;
    }

    private static bool Overlaps(TimeBlock block, List<(long Start, long End)> windows, long length) =>
        windows.Any(w => Math.Min(w.End, block.End) - Math.Max(w.Start, block.Start) >= length);

    private static void StepsAloneOrTogether(PreparedRequest request, Dictionary<int, List<string>> reasons, List<string> blockers)
    {
        var alone = true;
        foreach (var step in request.Steps)
        {
            var single = request with
            {
                Request = request.Request with { Options = request.Options with { MaxDays = 1, KeepOrder = true, SearchBudget = 20_000 } },
                Steps = [step with { Index = 0 }],
            };
            if (new LoopSearch(single).Run().Loops.Count == 0)
            {
                alone = false;
                blockers.Add(step.Needed == 1
                    ? $"no interviewer in the pool for {step.Name} can take a {Describe(step.Length)} interview during the candidate's windows"
                    : $"{step.Needed} interviewers from the pool for {step.Name} are never free together for {Describe(step.Length)} during the candidate's windows");
                foreach (var reason in step.Pool.SelectMany(x => reasons[x]).Where(r => !blockers.Contains(r)).ToList())
                {
                    blockers.Add(reason);
                }
            }
        }

        if (alone && request.Steps.Count > 1)
        {
            var options = request.Options;
            var constraints = new List<string>
            {
                options.SameDay ? "on one day" : $"within {options.MaxDays} days",
            };
            if (request.BreakTicks > 0)
            {
                constraints.Add($"with {Describe(request.BreakTicks)} breaks");
            }

            if (options.KeepOrder)
            {
                constraints.Add("in the given order");
            }

            constraints.Add("within the interviewers' limits");
            blockers.Add($"each interview fits on its own, but not all {request.Steps.Count} together {string.Join(", ", constraints)}");
            foreach (var interviewer in request.Interviewers)
            {
                var inSteps = request.Steps.Count(s => s.Pool.Contains(interviewer.Index));
                if (inSteps > 1 && interviewer.MaxPerDay < inSteps)
                {
                    blockers.Add($"{interviewer.DisplayName} may do {interviewer.MaxPerDay} interview{(interviewer.MaxPerDay == 1 ? "" : "s")} a day but is in the pools of {inSteps} steps");
                }
            }
        }
    }

    private static string Describe(long ticks) => Durations.Describe(TimeSpan.FromTicks(ticks));
}
