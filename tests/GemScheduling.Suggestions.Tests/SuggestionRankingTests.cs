using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Interviewers;
using static GemScheduling.Suggestions.Tests.Support.Examples;

namespace GemScheduling.Suggestions.Tests;

public sealed class SuggestionRankingTests
{
    private static readonly IReadOnlyList<WorkingHours> EightToSix = WorkingHours.Weekdays(new(8, 0), new(18, 0));

    [Fact]
    public void Given_a_free_morning_When_suggesting_Then_the_best_option_is_back_to_back_on_the_first_day_with_reasons()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "12:00"), Window("2026-12-02", "09:00", "12:00")],
            [Step(1, "Screen", 60, 10), Step(2, "Coding", 60, 11), Step(3, "Manager", 60, 12)],
            [Interviewer(10, "Ann"), Interviewer(11, "Bo"), Interviewer(12, "Cy")]);

        var result = SuggestionEngine.Suggest(request);

        var best = result.Options[0];
        Assert.Equal(["2026-12-01 09:00", "2026-12-01 10:00", "2026-12-01 11:00"], best.Interviews.Select(i => Local(i.Start)));
        Assert.Equal([1L, 2, 3], best.Interviews.Select(i => i.InterviewStepId));
        Assert.Equal(
            [
                "all 3 interviews on Tue 1 Dec, 09:00–12:00 America/New_York",
                "on the candidate's first available day",
                "back to back, no idle time",
                "uses interviewers with the lightest week",
                "1 interviewer slot is at the edge of a working day",
            ],
            best.Reasons);
        Assert.Equal(best.Breakdown.Total, best.Score);
        Assert.Equal("2026-12-02 09:00", Local(result.Options[1].Interviews[0].Start));
        Assert.True(result.Options[0].Score > result.Options[1].Score);
    }

    [Fact]
    public void Given_two_interviewers_with_different_weeks_When_suggesting_Then_the_lighter_one_is_chosen()
    {
        List<BusyInterval> booked = [Busy("2026-11-30", "08:00", "08:30", true), Busy("2026-12-02", "08:00", "08:30", true), Busy("2026-12-03", "08:00", "08:30", true)];
        var request = Request(
            [Window("2026-12-01", "10:00", "12:00")],
            [Step(1, "Coding", 60, 7, 8)],
            [Interviewer(7, "Lee", busy: booked), Interviewer(8, "Max")]);

        var best = SuggestionEngine.Suggest(request).Options[0];

        Assert.Equal([8L], best.Interviews[0].InterviewerIds);
        Assert.Contains("uses interviewers with the lightest week", best.Reasons);
    }

    [Fact]
    public void Given_an_interviewer_busy_mid_morning_When_ranking_Then_the_compact_loop_beats_the_one_with_idle_time()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "13:00")],
            [Step(1, "Screen", 60, 10), Step(2, "Coding", 60, 11)],
            [Interviewer(10, "Ann"), Interviewer(11, "Bo", busy: [Busy("2026-12-01", "10:00", "11:00")])],
            o => o with { SlotGranularity = TimeSpan.FromMinutes(60) });

        var result = SuggestionEngine.Suggest(request);

        Assert.Equal(["10:00", "11:00"], result.Options[0].Interviews.Select(i => Local(i.Start)[11..]));
        var idle = result.Options.Single(o => Local(o.Interviews[0].Start).EndsWith("09:00", StringComparison.Ordinal));
        Assert.Contains("1h of idle time between interviews", idle.Reasons);
        Assert.True(result.Options[0].Score > idle.Score);
    }

    [Fact]
    public void Given_a_required_break_When_suggesting_Then_interviews_are_apart_by_it()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "12:00")],
            [Step(1, "Screen", 45, 10), Step(2, "Coding", 45, 11)],
            [Interviewer(10, "Ann"), Interviewer(11, "Bo")],
            o => o with { BreakBetween = TimeSpan.FromMinutes(15) });

        var best = SuggestionEngine.Suggest(request).Options[0];

        // 09:30 rather than 09:00: equally compact, and not at the very start of the interviewers' day.
        Assert.Equal(["09:30", "10:30"], best.Interviews.Select(i => Local(i.Start)[11..]));
        Assert.Equal(TimeSpan.FromMinutes(15), best.Interviews[1].Start - best.Interviews[0].End);
        Assert.Contains("only the required 15 min breaks, no idle time", best.Reasons);
        Assert.Contains("every interview is well inside the interviewers' working hours", best.Reasons);
    }

    [Fact]
    public void Given_free_order_When_the_given_order_cannot_work_Then_the_steps_are_swapped()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "17:00")],
            [Step(1, "Coding", 60, 10), Step(2, "Manager", 60, 11)],
            [
                Interviewer(10, "Ann", hours: [new(DayOfWeek.Tuesday, new(13, 0), new(17, 0))]),
                Interviewer(11, "Bo", hours: [new(DayOfWeek.Tuesday, new(9, 0), new(13, 0))]),
            ],
            o => o with { KeepOrder = false });

        var best = SuggestionEngine.Suggest(request).Options[0];

        Assert.Equal([2L, 1], best.Interviews.Select(i => i.InterviewStepId));
        Assert.Equal(["12:00", "13:00"], best.Interviews.Select(i => Local(i.Start)[11..]));
    }

    [Fact]
    public void Given_two_days_allowed_When_one_day_is_too_short_Then_the_loop_spans_two_days()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "11:00"), Window("2026-12-02", "09:00", "11:00")],
            [Step(1, "A", 60, 10), Step(2, "B", 60, 10), Step(3, "C", 60, 11)],
            [Interviewer(10, "Ann", hours: EightToSix), Interviewer(11, "Bo", hours: EightToSix)],
            o => o with { MaxDays = 2 });

        var best = SuggestionEngine.Suggest(request).Options[0];

        Assert.Equal(["2026-12-01 09:00", "2026-12-01 10:00", "2026-12-02 09:00"], best.Interviews.Select(i => Local(i.Start)));
        Assert.Equal("3 interviews over 2 days (Tue 1 Dec, Wed 2 Dec), America/New_York", best.Reasons[0]);
    }

    [Fact]
    public void Given_an_interviewer_in_another_zone_When_suggesting_Then_their_own_working_hours_apply()
    {
        // Candidate 09:00–17:00 New York; a London interviewer works 09:00–17:00 London = 04:00–12:00 New York.
        var request = Request(
            [Window("2026-12-01", "09:00", "17:00")],
            [Step(1, "Coding", 60, 20)],
            [Interviewer(20, "Ola", zone: "Europe/London")]);

        var result = SuggestionEngine.Suggest(request);

        Assert.All(result.Options, o => Assert.True(TimeOnly.FromDateTime(DateTime.Parse(Local(o.Interviews[0].End), System.Globalization.CultureInfo.InvariantCulture)) <= new TimeOnly(12, 0)));
        Assert.Equal("09:00", Local(result.Options[0].Interviews[0].Start)[11..]);
    }

    [Fact]
    public void Given_an_earliest_start_mid_window_When_suggesting_Then_nothing_starts_before_it()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "17:00")],
            [Step(1, "Coding", 60, 10)],
            [Interviewer(10, "Ann")],
            o => o with { EarliestStart = At(NewYork, "2026-12-01", "13:07") });

        var result = SuggestionEngine.Suggest(request);

        Assert.Equal("13:15", Local(result.Options[0].Interviews[0].Start)[11..]);
        Assert.All(result.Options, o => Assert.True(o.Interviews[0].Start >= request.Options.EarliestStart));
    }

    [Fact]
    public void Given_many_possible_start_times_When_ranking_Then_at_most_two_options_share_a_start_day_while_other_days_have_options()
    {
        var request = Request(
            [.. new[] { "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04" }.Select(d => Window(d, "09:00", "17:00"))],
            [Step(1, "Coding", 60, 10)],
            [Interviewer(10, "Ann")],
            o => o with { MaxOptions = 8 });

        var result = SuggestionEngine.Suggest(request);

        Assert.Equal(8, result.Options.Count);
        Assert.All(result.Options.GroupBy(o => Local(o.Interviews[0].Start)[..10]), g => Assert.Equal(2, g.Count()));
    }
}
