using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Interviewers;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Samples;

/// <summary>Deterministic sample inputs for benchmarks and demos.</summary>
public static class SuggestionSamples
{
    private static readonly string[] InterviewerZones =
        ["America/New_York", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London"];

    /// <summary>
    /// A five-interview onsite loop (45, 60, 60, 45 and 30 minutes; the second step needs two interviewers) for a
    /// candidate in New York who offered every weekday of <paramref name="days"/> days (09:00–17:00, some days split
    /// around lunch). Each step has its own pool of <paramref name="poolSize"/> interviewers spread over US and UK
    /// zones, each with a few meetings a day and some interviews already booked. Same arguments, same request.
    /// </summary>
    public static SuggestionRequest FiveStepLoop(
        DateTimeOffset? earliestStart = null, int poolSize = 20, int days = 14, int seed = 7, TimeSpan? breakBetween = null)
    {
        var random = new SampleRandom((ulong)seed);
        var start = earliestStart ?? new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero);
        const string candidateZone = "America/New_York";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(candidateZone);
        var firstDate = DateOnly.FromDateTime(LocalTimeResolver.ToLocal(zone, start));

        var windows = new List<AvailabilityWindow>();
        for (var d = 0; d < days; d++)
        {
            var date = firstDate.AddDays(d);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var split = random.Chance(30);
            windows.Add(Window(zone, candidateZone, date, 9, split ? 12 : 17));
            if (split)
            {
                windows.Add(Window(zone, candidateZone, date, 13, 17));
            }
        }

        var durations = new[] { 45, 60, 60, 45, 30 };
        var names = new[] { "Recruiter screen", "Coding", "System design", "Behavioral", "Hiring manager" };
        var interviewers = new Dictionary<long, InterviewerProfile>();
        var steps = new List<StepRequest>();
        for (var s = 0; s < durations.Length; s++)
        {
            var pool = new List<long>();
            for (var i = 0; i < poolSize; i++)
            {
                var userId = 1000 + (s * poolSize) + i;
                pool.Add(userId);
                interviewers[userId] = Interviewer(random, userId, firstDate, days);
            }

            steps.Add(new StepRequest(500 + s, names[s], TimeSpan.FromMinutes(durations[s]), pool, s == 1 ? 2 : 1));
        }

        return new SuggestionRequest(
            windows,
            candidateZone,
            steps,
            interviewers,
            new SuggestionOptions { EarliestStart = start, BreakBetween = breakBetween ?? TimeSpan.Zero, MaxOptions = 10 });
    }

    private static AvailabilityWindow Window(TimeZoneInfo zone, string zoneId, DateOnly date, int fromHour, int toHour) =>
        new(LocalTimeResolver.ToInstant(zone, date.ToDateTime(new TimeOnly(fromHour, 0))),
            LocalTimeResolver.ToInstant(zone, date.ToDateTime(new TimeOnly(toHour, 0))),
            zoneId);

    private static InterviewerProfile Interviewer(SampleRandom random, long userId, DateOnly firstDate, int days)
    {
        var zoneId = InterviewerZones[random.Next(InterviewerZones.Length)];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var busy = new List<BusyInterval>();
        for (var d = -1; d <= days; d++)
        {
            var date = firstDate.AddDays(d);
            var meetings = random.Next(0, 4);
            for (var m = 0; m < meetings; m++)
            {
                var startMinutes = random.Next(8 * 4, 17 * 4) * 15;
                var length = random.Next(2, 7) * 15;
                var from = LocalTimeResolver.ToInstant(zone, date.ToDateTime(TimeOnly.MinValue).AddMinutes(startMinutes));
                var isInterview = random.Chance(25);
                busy.Add(new BusyInterval(
                    from,
                    from.AddMinutes(length),
                    isInterview ? BusyInterval.GemSchedulingSource($"sample-{userId}-{d}-{m}") : BusyInterval.IcalSource,
                    isInterview));
            }
        }

        var hours = random.Chance(20) ? WorkingHours.Weekdays(new TimeOnly(10, 0), new TimeOnly(18, 0)) : [];
        return new InterviewerProfile(userId, zoneId, hours, random.Chance(10) ? 2 : null, null, busy, $"Interviewer {userId}");
    }
}
