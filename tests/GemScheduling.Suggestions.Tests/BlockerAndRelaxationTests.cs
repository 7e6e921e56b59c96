using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Tests.Support;
using static GemScheduling.Suggestions.Tests.Support.Examples;

namespace GemScheduling.Suggestions.Tests;

public sealed class BlockerAndRelaxationTests
{
    [Fact]
    public void Given_an_interviewer_whose_day_never_meets_the_candidates_When_suggesting_Then_the_blocker_names_them()
    {
        // Sydney 09:00–17:00 is 17:00–01:00 in New York: no overlap with a 09:00–17:00 New York window.
        var request = Request(
            [Window("2026-12-01", "09:00", "17:00")],
            [Step(1, "Coding", 60, 42)],
            [Interviewer(42, "Dana", zone: "Australia/Sydney")]);

        var result = SuggestionEngine.Suggest(request);

        Assert.Empty(result.Options);
        Assert.Equal(
            [
                "no interviewer in the pool for 'Coding' can take a 1h interview during the candidate's windows",
                "Dana (user 42) has no working hours overlapping the candidate's windows",
            ],
            result.Blockers);
        Assert.Null(result.NearestRelaxation);
    }

    [Fact]
    public void Given_an_interviewer_at_their_daily_limit_When_suggesting_Then_the_blocker_says_so_and_raising_it_is_the_relaxation()
    {
        var booked = Enumerable.Range(0, 4).Select(i => Busy("2026-12-02", $"0{i + 5}:00", $"0{i + 5}:30", countsTowardLimits: true)).ToList();
        var request = Request(
            [Window("2026-12-02", "13:00", "17:00")],
            [Step(1, "Coding", 60, 7)],
            [Interviewer(7, "Lee", busy: booked)]);

        var result = SuggestionEngine.Suggest(request);

        Assert.Empty(result.Options);
        Assert.Contains("Lee (user 7) reached 4 interviews on Wed 2 Dec", result.Blockers);
        var relaxation = Assert.IsType<Relaxation>(result.NearestRelaxation);
        Assert.Equal(RelaxationKind.RaiseDailyLimit, relaxation.Kind);
        Assert.Equal("raise Lee (user 7)'s daily limit from 4 to 5", relaxation.Description);
        Assert.Equal("2026-12-02 13:00", Local(relaxation.Option.Interviews[0].Start));
        Assert.Equal(5, relaxation.RelaxedRequest.Interviewers[7].MaxInterviewsPerDay);
    }

    [Fact]
    public void Given_a_weekly_limit_reached_When_suggesting_Then_the_blocker_names_the_week()
    {
        var booked = new[] { "2026-11-30", "2026-12-01" }.Select(d => Busy(d, "07:00", "07:30", countsTowardLimits: true)).ToList();
        var request = Request(
            [Window("2026-12-03", "10:00", "12:00")],
            [Step(1, "Coding", 60, 7)],
            [Interviewer(7, "Lee", perWeek: 2, busy: booked)]);

        var result = SuggestionEngine.Suggest(request);

        Assert.Contains("Lee (user 7) reached 2 interviews in the week of Mon 30 Nov", result.Blockers);
        Assert.Equal(RelaxationKind.RaiseWeeklyLimit, result.NearestRelaxation?.Kind);
    }

    [Fact]
    public void Given_a_five_hour_loop_and_three_hour_days_When_suggesting_Then_the_blocker_explains_and_two_days_is_the_relaxation()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "12:00"), Window("2026-12-02", "09:00", "12:00")],
            [.. Enumerable.Range(1, 5).Select(i => Step(i, $"Step {i}", 60, 10, 11, 12))],
            [Interviewer(10, "Ann"), Interviewer(11, "Bo"), Interviewer(12, "Cy")]);

        var result = SuggestionEngine.Suggest(request);

        Assert.Equal(["no candidate window is long enough for a 5h loop on one day (the most available on one day is 3h)"], result.Blockers);
        var relaxation = Assert.IsType<Relaxation>(result.NearestRelaxation);
        Assert.Equal((RelaxationKind.AllowMoreDays, "allow the loop to span 2 days"), (relaxation.Kind, relaxation.Description));
        Assert.Empty(ScheduleChecker.Violations(relaxation.RelaxedRequest, relaxation.Option.Interviews));
    }

    [Fact]
    public void Given_breaks_that_do_not_fit_When_suggesting_Then_removing_them_is_the_nearest_relaxation()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "11:00")],
            [Step(1, "Screen", 60, 10), Step(2, "Coding", 60, 11)],
            [Interviewer(10, "Ann"), Interviewer(11, "Bo")],
            o => o with { BreakBetween = TimeSpan.FromMinutes(30) });

        var result = SuggestionEngine.Suggest(request);

        Assert.Equal(
            ["each interview fits on its own, but not all 2 together on one day, with 30 min breaks, in the given order, within the interviewers' limits"],
            result.Blockers);
        Assert.Equal(RelaxationKind.RemoveBreaks, result.NearestRelaxation?.Kind);
        Assert.Equal(["09:00", "10:00"], result.NearestRelaxation!.Option.Interviews.Select(i => Local(i.Start)[11..]));
    }

    [Fact]
    public void Given_an_order_that_cannot_work_When_suggesting_Then_any_order_is_the_nearest_relaxation()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "17:00")],
            [Step(1, "Coding", 60, 10), Step(2, "Manager", 60, 11)],
            [
                Interviewer(10, "Ann", hours: [new(DayOfWeek.Tuesday, new(13, 0), new(17, 0))]),
                Interviewer(11, "Bo", hours: [new(DayOfWeek.Tuesday, new(9, 0), new(13, 0))]),
            ]);

        var result = SuggestionEngine.Suggest(request);

        Assert.Equal("allow the interviews in any order", result.NearestRelaxation?.Description);
    }

    [Fact]
    public void Given_a_latest_end_before_the_candidates_windows_When_suggesting_Then_later_dates_are_the_relaxation()
    {
        var request = Request(
            [Window("2026-12-08", "09:00", "12:00")],
            [Step(1, "Coding", 60, 10)],
            [Interviewer(10, "Ann")],
            o => o with { LatestEnd = At(NewYork, "2026-12-05", "00:00") });

        var result = SuggestionEngine.Suggest(request);

        Assert.StartsWith("none of the candidate's availability falls between the earliest start and the latest end", result.Blockers[0]);
        Assert.Equal(RelaxationKind.AllowLaterDates, result.NearestRelaxation?.Kind);
    }

    [Fact]
    public void Given_a_pool_too_small_for_a_panel_When_suggesting_Then_the_blocker_says_how_many_are_missing()
    {
        var request = Request(
            [Window("2026-12-01", "09:00", "12:00")],
            [new StepRequest(1, "Panel", TimeSpan.FromHours(1), [10, 99], InterviewersNeeded: 2)],
            [Interviewer(10, "Ann")]);

        var result = SuggestionEngine.Suggest(request);

        Assert.Contains("'Panel' needs 2 interviewers but only 1 in its pool have a usable profile", result.Blockers);
        Assert.Contains("user 99 is in an interviewer pool but has no interviewer profile; left out", result.Warnings);
    }

    [Fact]
    public void Given_unknown_zones_When_suggesting_Then_they_are_reported_not_thrown()
    {
        var badCandidate = Request([Window("2026-12-01", "09:00", "12:00")], [Step(1, "Coding", 60, 10)], [Interviewer(10, "Ann")]) with
        {
            CandidateTimeZone = "Atlantis/Capital",
        };
        var badInterviewer = Request(
            [Window("2026-12-01", "09:00", "12:00")], [Step(1, "Coding", 60, 10, 11)], [Interviewer(10, "Ann", zone: "Nope/Nowhere"), Interviewer(11, "Bo")]);

        Assert.Equal(["the candidate's time zone 'Atlantis/Capital' is unknown"], SuggestionEngine.Suggest(badCandidate).Blockers);
        var result = SuggestionEngine.Suggest(badInterviewer);
        Assert.Contains("Ann (user 10) has an unknown time zone 'Nope/Nowhere'; left out", result.Warnings);
        Assert.All(result.Options, o => Assert.Equal([11L], o.Interviews[0].InterviewerIds));
    }

    [Fact]
    public void Given_a_tiny_search_budget_When_suggesting_Then_the_result_says_the_budget_was_reached()
    {
        var request = Samples.SuggestionSamples.FiveStepLoop();
        request = request with { Options = request.Options with { SearchBudget = 50 } };

        var result = SuggestionEngine.Suggest(request);

        Assert.True(result.Stats.BudgetExhausted);
        Assert.Contains(result.Warnings, w => w.StartsWith("the search reached its budget", StringComparison.Ordinal));
    }
}
