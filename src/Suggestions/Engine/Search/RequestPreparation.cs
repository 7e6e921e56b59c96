using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Interviewers;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>Validates a request and turns it into UTC-tick calendars for the search.</summary>
internal static class RequestPreparation
{
    /// <summary>The horizon never spans more than this, which bounds precomputation.</summary>
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(56);

    private static readonly TimeSpan DefaultGranularity = TimeSpan.FromMinutes(15);

    public static PreparedRequest Prepare(SuggestionRequest request)
    {
        var options = request.Options;
        var defaults = request.Defaults ?? OrgSchedulingDefaults.Standard;
        var warnings = new List<string>();
        var fatal = new List<string>();
        var granularity = CheckGranularity(options.SlotGranularity, warnings);
        var breakTicks = Math.Max(0, options.BreakBetween.Ticks);

        if (!TimeZones.TryFind(request.CandidateTimeZone, out var candidateZone))
        {
            fatal.Add($"the candidate's time zone '{request.CandidateTimeZone}' is unknown");
        }

        if (request.Steps.Count == 0)
        {
            fatal.Add("there are no interview steps to schedule");
        }

        foreach (var s in request.Steps.Where(s => s.Duration <= TimeSpan.Zero))
        {
            fatal.Add($"'{s.Name}' (step {s.InterviewStepId}) has no duration");
        }

        foreach (var dup in request.Steps.GroupBy(s => s.InterviewStepId).Where(g => g.Count() > 1))
        {
            warnings.Add($"interview step {dup.Key} appears {dup.Count()} times; each is scheduled separately");
        }

        var normalized = AvailabilityNormalizer.Normalize(request.CandidateWindows);
        foreach (var r in normalized.Rejected)
        {
            warnings.Add($"candidate window {r.Window.Start:yyyy-MM-dd HH:mm}Z–{r.Window.End:yyyy-MM-dd HH:mm}Z was ignored: {r.Reason}");
        }

        if (fatal.Count > 0 || candidateZone is null)
        {
            return new PreparedRequest(request, defaults, candidateZone, null, [], [], granularity, breakTicks, warnings, fatal);
        }

        var (windows, horizonStart, horizonEnd) = ClipWindows(normalized.Windows, options, warnings);
        var timelines = new ZoneTimelines(
            new DateTimeOffset(horizonStart, TimeSpan.Zero).AddDays(-9), new DateTimeOffset(horizonEnd, TimeSpan.Zero).AddDays(9));
        var candidate = new CandidateCalendar(timelines.For(candidateZone), windows, horizonStart, horizonEnd, granularity);

        var interviewers = new List<InterviewerCalendar>();
        var byUser = new Dictionary<long, int>();
        var steps = new List<PreparedStep>();
        foreach (var step in request.Steps)
        {
            var pool = new List<int>();
            foreach (var userId in step.InterviewerPool.Distinct())
            {
                if (!byUser.TryGetValue(userId, out var index))
                {
                    index = AddInterviewer(request, userId, defaults, timelines, horizonStart, horizonEnd, interviewers, warnings);
                    byUser[userId] = index;
                }

                if (index >= 0)
                {
                    pool.Add(index);
                }
            }

            var needed = step.InterviewersNeeded;
            if (needed < 1)
            {
                warnings.Add($"'{step.Name}' asks for {needed} interviewers; using 1");
                needed = 1;
            }

            steps.Add(new PreparedStep(steps.Count, step, step.Duration.Ticks, [.. pool], needed));
        }

        return new PreparedRequest(request, defaults, candidateZone, candidate, interviewers, steps, granularity, breakTicks, warnings, fatal);
    }

    private static int AddInterviewer(
        SuggestionRequest request, long userId, OrgSchedulingDefaults defaults, ZoneTimelines timelines,
        long horizonStart, long horizonEnd, List<InterviewerCalendar> interviewers, List<string> warnings)
    {
        if (!request.Interviewers.TryGetValue(userId, out var profile))
        {
            warnings.Add($"user {userId} is in an interviewer pool but has no interviewer profile; left out");
            return -1;
        }

        if (!TimeZones.TryFind(profile.TimeZone, out var zone))
        {
            warnings.Add($"{profile.DisplayName} has an unknown time zone '{profile.TimeZone}'; left out");
            return -1;
        }

        var calendar = InterviewerCalendarBuilder.Build(
            interviewers.Count, profile, timelines.For(zone), defaults, horizonStart, horizonEnd, warnings);
        interviewers.Add(calendar);
        return calendar.Index;
    }

    private static long CheckGranularity(TimeSpan granularity, List<string> warnings)
    {
        if (granularity >= TimeSpan.FromMinutes(1) && granularity <= TimeSpan.FromDays(1)
            && granularity.Ticks % TimeSpan.TicksPerMinute == 0 && TimeSpan.TicksPerDay % granularity.Ticks == 0)
        {
            return granularity.Ticks;
        }

        warnings.Add($"slot granularity {granularity} must be whole minutes dividing a day; using 15 min");
        return DefaultGranularity.Ticks;
    }

    private static (List<(long Start, long End)> Windows, long HorizonStart, long HorizonEnd) ClipWindows(
        IReadOnlyList<AvailabilityWindow> windows, SuggestionOptions options, List<string> warnings)
    {
        var from = options.EarliestStart.UtcTicks;
        var to = options.LatestEnd?.UtcTicks ?? long.MaxValue;
        var clipped = windows
            .Select(w => (Start: Math.Max(from, w.Start.UtcTicks), End: Math.Min(to, w.End.UtcTicks)))
            .Where(w => w.End > w.Start)
            .ToList();
        if (clipped.Count == 0)
        {
            return ([], from, from + TimeSpan.TicksPerDay);
        }

        var horizonStart = clipped[0].Start;
        var horizonEnd = clipped[^1].End;
        var cap = horizonStart + MaxHorizon.Ticks;
        if (horizonEnd > cap)
        {
            warnings.Add($"only the first {MaxHorizon.TotalDays:0} days of the candidate's availability are searched");
            clipped = [.. clipped.Where(w => w.Start < cap).Select(w => (w.Start, Math.Min(w.End, cap)))];
            horizonEnd = cap;
        }

        return (clipped, horizonStart, horizonEnd);
    }
}
