using GemScheduling.Planning;
using GemScheduling.Planning.Booking;
using GemScheduling.Schedules;

namespace GemScheduling.Grains.Tests.Booking;

/// <summary>The rules of a candidate's own booking, without a silo: the change cutoff, moving each interview to its pair, and day windows.</summary>
public sealed class BookingRuleSpecs
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 14, 0, 0, TimeSpan.Zero);

    private static BookingPlan Plan(int cutoffHours) =>
        new(1, [new BookingStep(10, 45, [7], 1, "Screen"), new BookingStep(20, 60, [8], 1, "Onsite")], Monday.AddDays(-3), Monday.AddDays(3), 24, 15, cutoffHours, null, null);

    private static InterviewView Interview(string id, long step, DateTimeOffset start, InterviewStatus status = InterviewStatus.Scheduled) =>
        new(id, step, $"step {step}", [], start, start.AddHours(1), "UTC", null, null, status, $"gs-x-{id}", null, WriteBackStatus.Synced, null);

    private static ScheduleView Booked(params InterviewView[] interviews) =>
        new("sch_x", 1, 2, 3, ScheduleStatus.Active, new ActingUserView(1, "o@example.com", null), interviews, WriteBackStatus.Synced, [], [], Monday, "c", Monday, 1, null, []);

    [Theory]
    [InlineData(24, -25, false)] // a day and an hour before: still the candidate's to change
    [InlineData(24, -23, true)]  // inside the day before: the recruiter's
    [InlineData(0, -1, false)]
    [InlineData(0, 1, true)]     // once it has started, never
    public void Given_a_cutoff_when_the_candidate_asks_at_some_time_before_the_first_interview_then_it_is_too_late_only_inside_the_cutoff(int cutoff, int hoursFromStart, bool tooLate)
    {
        var booked = Booked(Interview("a", 10, Monday), Interview("b", 20, Monday.AddHours(2)));

        Assert.Equal(tooLate, BookingRules.TooLateToChange(Plan(cutoff), booked, Monday.AddHours(hoursFromStart)));
    }

    [Fact]
    public void Given_a_cancelled_interview_then_the_cutoff_counts_from_the_first_one_still_scheduled()
    {
        var booked = Booked(Interview("a", 10, Monday, InterviewStatus.Cancelled), Interview("b", 20, Monday.AddDays(2)));

        Assert.False(BookingRules.TooLateToChange(Plan(24), booked, Monday.AddHours(1)));
    }

    [Fact]
    public void Given_a_loop_with_a_step_twice_when_it_is_moved_then_each_booked_interview_pairs_with_the_same_step_in_the_same_order()
    {
        var booked = Booked(Interview("late", 10, Monday.AddHours(3)), Interview("early", 10, Monday), Interview("mid", 20, Monday.AddHours(1)));
        var open = new SuggestedLoop(1, 1, [], null!, [
            new SuggestedInterview(20, "Onsite", Monday.AddDays(1).AddHours(1), Monday.AddDays(1).AddHours(2), []),
            new SuggestedInterview(10, "Screen", Monday.AddDays(1), Monday.AddDays(1).AddHours(1), []),
            new SuggestedInterview(10, "Screen", Monday.AddDays(1).AddHours(3), Monday.AddDays(1).AddHours(4), []),
        ], null!);

        var pairs = BookingRules.Pair(booked, open);

        Assert.Equal([("early", Monday.AddDays(1)), ("mid", Monday.AddDays(1).AddHours(1)), ("late", Monday.AddDays(1).AddHours(3))],
            pairs!.Select(p => (p.Booked.Id, p.Open.Start)));
    }

    [Fact]
    public void Given_a_loop_the_recruiter_has_changed_since_it_was_booked_then_it_pairs_with_no_open_loop_and_is_not_moved_by_the_candidate()
    {
        var booked = Booked(Interview("a", 10, Monday), Interview("added", 30, Monday.AddHours(2)));
        var open = new SuggestedLoop(1, 1, [], null!, [
            new SuggestedInterview(10, "Screen", Monday.AddDays(1), Monday.AddDays(1).AddHours(1), []),
            new SuggestedInterview(20, "Onsite", Monday.AddDays(1).AddHours(1), Monday.AddDays(1).AddHours(2), []),
        ], null!);

        Assert.Null(BookingRules.Pair(booked, open));
        Assert.Null(BookingRules.Pair(Booked(Interview("a", 10, Monday)), open)); // a step removed: the open loop has one left over
    }

    [Fact]
    public void Given_a_range_over_a_daylight_saving_change_then_it_is_one_window_per_local_day_that_covers_it_exactly()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var from = new DateTimeOffset(2026, 3, 28, 10, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 3, 31, 6, 0, 0, TimeSpan.Zero);

        var windows = LoopOverrides.Anytime(from, to, berlin).CandidateWindows;

        Assert.Equal(from, windows[0].Start);
        Assert.Equal(to, windows[^1].End);
        Assert.All(windows.Zip(windows.Skip(1)), w => Assert.Equal(w.First.End, w.Second.Start));
        Assert.All(windows, w => Assert.True(w.End - w.Start <= TimeSpan.FromHours(24) && w.End > w.Start));
        Assert.All(windows.Skip(1), w => Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(w.Start, berlin).TimeOfDay)); // each starts at local midnight
        Assert.Equal(TimeSpan.FromHours(23), windows[1].End - windows[1].Start); // Sunday 29 March has 23 hours in Berlin
    }
}
