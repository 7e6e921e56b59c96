using GemScheduling.Suggestions.Engine.Search;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Engine;

/// <summary>
/// Scores a loop on five criteria (see <see cref="ScoreBreakdown"/> for weights) and explains it in recruiting terms.
/// <list type="bullet">
/// <item>Earliness: 1 on the candidate's first usable day (on or after the earliest start), falling linearly to 0 on
/// the last day of their availability.</item>
/// <item>Fewer days: 1 for a one-day loop, falling linearly with each extra day allowed.</item>
/// <item>Compactness: interview time ÷ (interview time + idle time), idle being gaps beyond the required break on the same day.</item>
/// <item>Interviewer load: 1 − the average share of their weekly limit the chosen interviewers already have booked.</item>
/// <item>Comfortable hours: the share of interviewer seats not in the first or last 30 minutes of that interviewer's working block.</item>
/// </list>
/// </summary>
internal static class OptionScorer
{
    private static readonly long EdgeOfDay = TimeSpan.FromMinutes(30).Ticks;

    public static ScheduleOption Score(PreparedRequest request, Placement[] loop)
    {
        var candidate = request.Candidate!;
        var timeline = candidate.Timeline;
        var steps = request.Steps;
        var interviewers = request.Interviewers;

        var earliestDate = timeline.LocalDate(candidate.HorizonStart);
        var lastDate = timeline.LocalDate(candidate.HorizonEnd - 1);
        var firstDate = timeline.LocalDate(loop[0].Start);
        var daysLater = Math.Max(0, firstDate.DayNumber - earliestDate.DayNumber);
        var earliness = 1 - Math.Min(1.0, daysLater / (double)Math.Max(1, lastDate.DayNumber - earliestDate.DayNumber));

        var dates = loop
            .SelectMany(p => new[] { timeline.LocalDate(p.Start), timeline.LocalDate(p.End - 1) })
            .Distinct()
            .Order()
            .ToList();
        var dayAllowance = Math.Min(Math.Max(1, request.Options.MaxDays), loop.Length);
        var fewerDays = dayAllowance <= 1 ? 1 : 1 - ((dates.Count - 1) / (double)(dayAllowance - 1));

        long idle = 0, busy = 0;
        for (var i = 0; i < loop.Length; i++)
        {
            busy += loop[i].End - loop[i].Start;
            if (i > 0 && timeline.LocalDate(loop[i - 1].End - 1) == timeline.LocalDate(loop[i].Start))
            {
                idle += Math.Max(0, loop[i].Start - loop[i - 1].End - request.BreakTicks);
            }
        }

        var compactness = busy / (double)(busy + idle);

        var (loadShares, comfortable, seats, busiestWeek) = (0.0, 0, 0, 0);
        var lightest = true;
        foreach (var p in loop)
        {
            var step = steps[p.Step];
            foreach (var x in p.Interviewers)
            {
                var calendar = interviewers[x];
                var block = calendar.FreeBlockAt(p.Start, p.End - p.Start)!.Value;
                var booked = calendar.ExistingInWeek(block.Week);
                loadShares += Math.Min(1.0, booked / (double)Math.Max(1, calendar.MaxPerWeek));
                busiestWeek = Math.Max(busiestWeek, booked);
                lightest &= booked <= step.Pool.Min(y => interviewers[y].ExistingInWeek(WeekKey.Of(interviewers[y].Timeline.LocalDate(p.Start))));
                var work = calendar.Work[block.WorkBlock];
                comfortable += p.Start - work.Start >= EdgeOfDay && work.End - p.End >= EdgeOfDay ? 1 : 0;
                seats++;
            }
        }

        var breakdown = new ScoreBreakdown(
            Points(earliness, ScoreBreakdown.EarlinessWeight),
            Points(fewerDays, ScoreBreakdown.FewerDaysWeight),
            Points(compactness, ScoreBreakdown.CompactnessWeight),
            Points(1 - (loadShares / seats), ScoreBreakdown.InterviewerLoadWeight),
            Points(comfortable / (double)seats, ScoreBreakdown.ComfortableHoursWeight));

        var reasons = new List<string>
        {
            DaysReason(request, loop, dates),
            daysLater == 0 ? "on the candidate's first available day" : $"starts {daysLater} day{(daysLater == 1 ? "" : "s")} after the candidate's first available day",
        };
        if (loop.Length > 1)
        {
            reasons.Add(idle > 0 ? $"{Durations.Describe(TimeSpan.FromTicks(idle))} of idle time between interviews"
                : request.BreakTicks > 0 ? $"only the required {Durations.Describe(TimeSpan.FromTicks(request.BreakTicks))} breaks, no idle time"
                : "back to back, no idle time");
        }

        reasons.Add(lightest ? "uses interviewers with the lightest week"
            : $"the busiest chosen interviewer already has {busiestWeek} interview{(busiestWeek == 1 ? "" : "s")} that week");
        reasons.Add(comfortable == seats ? "every interview is well inside the interviewers' working hours"
            : $"{seats - comfortable} interviewer slot{(seats - comfortable == 1 ? " is" : "s are")} at the edge of a working day");

        var interviews = loop
            .Select(p => new ProposedInterview(
                steps[p.Step].Request.InterviewStepId,
                new DateTimeOffset(p.Start, TimeSpan.Zero),
                new DateTimeOffset(p.End, TimeSpan.Zero),
                [.. p.Interviewers.Select(x => interviewers[x].UserId).Order()]))
            .ToList();
        return new ScheduleOption(interviews, breakdown.Total, reasons, breakdown);
    }

    private static double Points(double share, double weight) => Math.Round(Math.Clamp(share, 0, 1) * weight, 2);

    private static string DaysReason(PreparedRequest request, Placement[] loop, List<DateOnly> dates)
    {
        var timeline = request.Candidate!.Timeline;
        var from = Durations.Clock(new DateTime(timeline.ToLocalTicks(loop[0].Start)));
        var to = Durations.Clock(new DateTime(timeline.ToLocalTicks(loop[^1].End)));
        var zone = request.Request.CandidateTimeZone;
        if (dates.Count == 1)
        {
            var what = loop.Length == 1 ? "the interview" : $"all {loop.Length} interviews";
            return $"{what} on {Durations.Day(dates[0])}, {from}–{to} {zone}";
        }

        return $"{loop.Length} interviews over {dates.Count} days ({string.Join(", ", dates.Select(Durations.Day))}), {zone}";
    }
}
