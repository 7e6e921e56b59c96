using System.Globalization;
using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Interviewers;

namespace GemScheduling.Suggestions.Tests.Support;

/// <summary>
/// An independent statement of every rule an option must obey, written with the BCL only (no engine internals).
/// With <c>complete: false</c> it checks a partial loop (a prefix in time) and skips "every step exactly once".
/// </summary>
internal static class ScheduleChecker
{
    public static List<string> Violations(SuggestionRequest request, IReadOnlyList<ProposedInterview> interviews, bool complete = true)
    {
        var errors = new List<string>();
        var options = request.Options;
        var ordered = interviews.OrderBy(i => i.Start).ToList();
        var steps = request.Steps;

        if (complete && (interviews.Count != steps.Count
            || !interviews.Select(i => i.InterviewStepId).Order().SequenceEqual(steps.Select(s => s.InterviewStepId).Order())))
        {
            errors.Add("not every step is scheduled exactly once");
        }

        foreach (var interview in interviews)
        {
            var step = steps.FirstOrDefault(s => s.InterviewStepId == interview.InterviewStepId);
            if (step is null)
            {
                errors.Add($"unknown step {interview.InterviewStepId}");
                continue;
            }

            errors.AddRange(SingleInterviewViolations(request, step, interview));
        }

        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start - ordered[i - 1].End < options.BreakBetween)
            {
                errors.Add($"interviews at {ordered[i - 1].Start:u} and {ordered[i].Start:u} overlap or leave less than the break");
            }
        }

        if (options.KeepOrder)
        {
            var expected = steps.Select(s => s.InterviewStepId).Take(ordered.Count);
            if (!ordered.Select(i => i.InterviewStepId).SequenceEqual(expected))
            {
                errors.Add("interviews are not in the steps' order");
            }
        }

        var days = ordered
            .SelectMany(i => new[] { TestZones.Local(request.CandidateTimeZone, i.Start).Date, TestZones.Local(request.CandidateTimeZone, i.End.AddTicks(-1)).Date })
            .Distinct()
            .Count();
        if (days > Math.Max(1, options.MaxDays))
        {
            errors.Add($"the loop touches {days} candidate days, more than {options.MaxDays}");
        }

        errors.AddRange(LimitViolations(request, interviews));
        return errors;
    }

    /// <summary>The rules that concern one interview on its own (window, grid, hours, busy time, earliest/latest).</summary>
    public static IEnumerable<string> SingleInterviewViolations(SuggestionRequest request, StepRequest step, ProposedInterview interview)
    {
        var options = request.Options;
        var at = $"{step.Name} at {interview.Start:u}";
        if (interview.End - interview.Start != step.Duration)
        {
            yield return $"{at} does not last {step.Duration}";
        }

        if (interview.Start < options.EarliestStart)
        {
            yield return $"{at} starts before the earliest start";
        }

        if (options.LatestEnd is { } latest && interview.End > latest)
        {
            yield return $"{at} ends after the latest end";
        }

        if (!Covered(request.CandidateWindows.Select(w => (w.Start, w.End)), interview.Start, interview.End))
        {
            yield return $"{at} leaves the candidate's windows";
        }

        var local = TestZones.Local(request.CandidateTimeZone, interview.Start);
        if (local.TimeOfDay.Ticks % options.SlotGranularity.Ticks != 0)
        {
            yield return $"{at} is off the slot grid ({local:HH:mm} candidate time)";
        }

        if (interview.InterviewerIds.Count != step.InterviewersNeeded || interview.InterviewerIds.Distinct().Count() != interview.InterviewerIds.Count)
        {
            yield return $"{at} has {interview.InterviewerIds.Count} distinct interviewers, needs {step.InterviewersNeeded}";
        }

        foreach (var userId in interview.InterviewerIds)
        {
            if (!step.InterviewerPool.Contains(userId) || !request.Interviewers.TryGetValue(userId, out var profile))
            {
                yield return $"{at} uses user {userId}, who is not in the pool";
                continue;
            }

            if (!InsideWorkingHours(request, profile, interview.Start, interview.End))
            {
                yield return $"{at} is outside user {userId}'s working hours";
            }

            if (profile.Busy.Any(b => b.End > b.Start && b.Start < interview.End && interview.Start < b.End))
            {
                yield return $"{at} overlaps user {userId}'s busy time";
            }
        }
    }

    private static IEnumerable<string> LimitViolations(SuggestionRequest request, IReadOnlyList<ProposedInterview> interviews)
    {
        var defaults = request.Defaults ?? OrgSchedulingDefaults.Standard;
        foreach (var userId in interviews.SelectMany(i => i.InterviewerIds).Distinct())
        {
            if (!request.Interviewers.TryGetValue(userId, out var profile))
            {
                continue;
            }

            var mine = interviews.Where(i => i.InterviewerIds.Contains(userId)).ToList();
            for (var a = 0; a < mine.Count; a++)
            {
                for (var b = a + 1; b < mine.Count; b++)
                {
                    if (mine[a].Start < mine[b].End && mine[b].Start < mine[a].End)
                    {
                        yield return $"user {userId} is in two interviews at once";
                    }
                }
            }

            var existing = profile.Busy.Where(b => b.CountsTowardLimits).Select(b => LocalDate(profile, b.Start)).ToList();
            var booked = mine.Select(i => LocalDate(profile, i.Start)).ToList();
            var perDay = profile.MaxInterviewsPerDay ?? defaults.MaxInterviewsPerDay;
            var perWeek = profile.MaxInterviewsPerWeek ?? defaults.MaxInterviewsPerWeek;
            foreach (var day in booked.Distinct())
            {
                var count = existing.Count(d => d == day) + booked.Count(d => d == day);
                if (count > perDay)
                {
                    yield return $"user {userId} has {count} interviews on {day:yyyy-MM-dd}, limit {perDay}";
                }
            }

            foreach (var week in booked.Select(IsoWeek).Distinct())
            {
                var count = existing.Count(d => IsoWeek(d) == week) + booked.Count(d => IsoWeek(d) == week);
                if (count > perWeek)
                {
                    yield return $"user {userId} has {count} interviews in ISO week {week}, limit {perWeek}";
                }
            }
        }
    }

    private static bool InsideWorkingHours(SuggestionRequest request, InterviewerProfile profile, DateTimeOffset start, DateTimeOffset end)
    {
        var defaults = request.Defaults ?? OrgSchedulingDefaults.Standard;
        var hours = profile.Hours.Count > 0 ? profile.Hours : defaults.Hours;
        var localStart = TestZones.Local(profile.TimeZone, start);
        var localEnd = TestZones.Local(profile.TimeZone, end);
        var date = localStart.Date;
        var endOfDay = localEnd.Date == date ? localEnd.TimeOfDay
            : localEnd.Date == date.AddDays(1) && localEnd.TimeOfDay == TimeSpan.Zero ? TimeSpan.FromDays(1)
            : TimeSpan.MinValue;
        // Generated working hours are daytime, where no zone changes its clocks, so a real interview inside them
        // always lasts as long on the wall clock as in real time; a mismatch means it straddles a DST switch at night.
        if (endOfDay == TimeSpan.MinValue || endOfDay - localStart.TimeOfDay != end - start)
        {
            return false;
        }

        var ranges = hours
            .Where(h => h.Day == date.DayOfWeek)
            .Select(h => (From: h.Start.ToTimeSpan(), To: h.End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : h.End.ToTimeSpan()))
            .Where(r => r.To > r.From)
            .Select(r => (new DateTimeOffset(date + r.From, TimeSpan.Zero), new DateTimeOffset(date + r.To, TimeSpan.Zero)));
        return Covered(ranges, new DateTimeOffset(date + localStart.TimeOfDay, TimeSpan.Zero), new DateTimeOffset(date + endOfDay, TimeSpan.Zero));
    }

    /// <summary>Whether [start, end] is covered by the union of the intervals (touching intervals join).</summary>
    public static bool Covered(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals, DateTimeOffset start, DateTimeOffset end)
    {
        var cursor = start;
        foreach (var (s, e) in intervals.Where(i => i.End > i.Start).OrderBy(i => i.Start))
        {
            if (s > cursor)
            {
                break;
            }

            if (e > cursor)
            {
                cursor = e;
            }
        }

        return cursor >= end;
    }

    private static DateOnly LocalDate(InterviewerProfile profile, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TestZones.Local(profile.TimeZone, instant));

    private static int IsoWeek(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        return (ISOWeek.GetYear(dt) * 100) + ISOWeek.GetWeekOfYear(dt);
    }
}
