using GemScheduling.Suggestions.Interviewers;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>Precomputes an interviewer's working and free blocks over the horizon and their existing interview counts.</summary>
internal static class InterviewerCalendarBuilder
{
    public static InterviewerCalendar Build(
        int index,
        InterviewerProfile profile,
        ZoneTimeline timeline,
        OrgSchedulingDefaults defaults,
        long horizonStart,
        long horizonEnd,
        List<string> warnings)
    {
        var ranges = MergedRangesByDay(profile, defaults, warnings);
        var work = new List<TimeBlock>();
        var firstDate = timeline.LocalDate(horizonStart).AddDays(-1);
        var lastDate = timeline.LocalDate(horizonEnd).AddDays(1);
        for (var date = firstDate; date <= lastDate; date = date.AddDays(1))
        {
            var midnight = date.ToDateTime(TimeOnly.MinValue).Ticks;
            var (day, week) = (date.DayNumber, WeekKey.Of(date));
            foreach (var (from, to) in ranges[(int)date.DayOfWeek])
            {
                // Working blocks keep their real bounds (the "edge of the day" score needs them); free time is clipped.
                var start = timeline.ToUtcTicks(midnight + from.Ticks);
                var end = timeline.ToUtcTicks(midnight + to.Ticks);
                if (end > start && end > horizonStart && start < horizonEnd)
                {
                    work.Add(new TimeBlock(start, end, day, week, work.Count));
                }
            }
        }

        var busy = profile.Busy
            .Where(b => b.End > b.Start)
            .Select(b => (Start: b.Start.UtcTicks, End: b.End.UtcTicks))
            .OrderBy(b => b.Start)
            .ToList();
        if (profile.Busy.Any(b => b.End <= b.Start))
        {
            warnings.Add($"{profile.DisplayName} has busy intervals that end before they start; they were ignored");
        }

        var (byDay, byWeek) = ExistingCounts(profile, timeline, horizonStart, horizonEnd);
        var clipped = work.Select(b => b with { Start = Math.Max(b.Start, horizonStart), End = Math.Min(b.End, horizonEnd) }).ToList();
        return new InterviewerCalendar(
            index, profile, timeline, work, Subtract(clipped, busy), byDay, byWeek,
            defaults.DailyLimitFor(profile), defaults.WeeklyLimitFor(profile));
    }

    private static List<(TimeSpan From, TimeSpan To)>[] MergedRangesByDay(
        InterviewerProfile profile, OrgSchedulingDefaults defaults, List<string> warnings)
    {
        var byDay = Enumerable.Range(0, 7).Select(_ => new List<(TimeSpan From, TimeSpan To)>()).ToArray();
        foreach (var h in defaults.HoursFor(profile))
        {
            if (!h.IsValid)
            {
                warnings.Add($"{profile.DisplayName}'s working hours {h.Day} {h.Start:HH\\:mm}-{h.End:HH\\:mm} end before they start; ignored");
                continue;
            }

            byDay[(int)h.Day].Add((h.StartOfDayOffset, h.EndOfDayOffset));
        }

        for (var d = 0; d < 7; d++)
        {
            var merged = new List<(TimeSpan From, TimeSpan To)>();
            foreach (var r in byDay[d].OrderBy(r => r.From))
            {
                if (merged.Count > 0 && r.From <= merged[^1].To)
                {
                    merged[^1] = (merged[^1].From, r.To > merged[^1].To ? r.To : merged[^1].To);
                }
                else
                {
                    merged.Add(r);
                }
            }

            byDay[d] = merged;
        }

        return byDay;
    }

    private static List<TimeBlock> Subtract(List<TimeBlock> work, List<(long Start, long End)> busy)
    {
        var free = new List<TimeBlock>();
        foreach (var block in work)
        {
            var cursor = block.Start;
            foreach (var (start, end) in busy)
            {
                if (end <= cursor)
                {
                    continue;
                }

                if (start >= block.End)
                {
                    break;
                }

                if (start > cursor)
                {
                    free.Add(block with { Start = cursor, End = start });
                }

                cursor = Math.Max(cursor, end);
                if (cursor >= block.End)
                {
                    break;
                }
            }

            if (cursor < block.End)
            {
                free.Add(block with { Start = cursor });
            }
        }

        return free;
    }

    private static (Dictionary<int, int> ByDay, Dictionary<int, int> ByWeek) ExistingCounts(
        InterviewerProfile profile, ZoneTimeline timeline, long horizonStart, long horizonEnd)
    {
        var (byDay, byWeek) = (new Dictionary<int, int>(), new Dictionary<int, int>());
        // Only busy time within a week of the horizon can share a local day or ISO week with an interview in it.
        var (from, to) = (horizonStart - TimeSpan.FromDays(8).Ticks, horizonEnd + TimeSpan.FromDays(8).Ticks);
        foreach (var b in profile.Busy)
        {
            var start = b.Start.UtcTicks;
            if (!b.CountsTowardLimits || start < from || start > to)
            {
                continue;
            }

            var date = timeline.LocalDate(start);
            byDay[date.DayNumber] = byDay.GetValueOrDefault(date.DayNumber) + 1;
            var week = WeekKey.Of(date);
            byWeek[week] = byWeek.GetValueOrDefault(week) + 1;
        }

        return (byDay, byWeek);
    }
}
