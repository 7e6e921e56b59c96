using GemScheduling.Orgs;
using GemScheduling.Schedules;
using GemScheduling.Schedules.Events;

namespace GemScheduling.Grains.Tests;

/// <summary>
/// Which calendars a schedule still has to release, folded from its events: what a change or a cancel took it off, until
/// its calendars are confirmed. An interrupted command's repeat (or the next activation) releases exactly these.
/// </summary>
public sealed class CalendarReleaseFoldSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static PlannedInterview Plan(string id, params long[] interviewers) =>
        new(id, 7, "Onsite", interviewers.Select(u => new PlannedInterviewer(u, null, $"User {u}")).ToList(), T0.AddDays(2), T0.AddDays(2).AddHours(1), "UTC", null, null);

    private static ScheduleState Confirmed(params PlannedInterview[] plans)
    {
        var state = new ScheduleState();
        state.Apply(new ScheduleCreated("sch_1", 100, 200, 300, new ActingUser(1, "org@example.com", null), plans, null, T0, "spec"));
        state.Apply(new CalendarsConfirmed(T0));
        return state;
    }

    [Fact]
    public void Given_an_interviewer_replaced_then_only_their_calendar_is_to_release_until_the_calendars_are_confirmed()
    {
        var state = Confirmed(Plan("int_1", 11, 12));

        state.Apply(new InterviewsChanged([Plan("int_1", 12, 13)], [], [], T0, "spec"));
        var pending = state.CalendarsToRelease.Order().ToList();
        state.Apply(new CalendarsConfirmed(T0));

        Assert.Equal(["u11"], pending);
        Assert.Empty(state.CalendarsToRelease);
    }

    [Fact]
    public void Given_an_interviewer_dropped_and_then_added_back_before_confirmation_then_their_calendar_is_not_released()
    {
        var state = Confirmed(Plan("int_1", 11), Plan("int_2", 12));

        state.Apply(new InterviewsChanged([], [], ["int_1"], T0, "spec"));
        state.Apply(new InterviewsChanged([Plan("int_2", 12, 11)], [], [], T0, "spec"));

        Assert.Empty(state.CalendarsToRelease);
    }

    [Fact]
    public void Given_a_cancel_then_every_calendar_of_the_current_interviews_is_to_release()
    {
        var state = Confirmed(Plan("int_1", 11), Plan("int_2", 12, 11));

        state.Apply(new ScheduleCancelled("Candidate withdrew", T0, "spec"));

        Assert.Equal(["u11", "u12"], state.CalendarsToRelease.Order().ToList());
        Assert.False(state.CalendarsConfirmed);
    }
}
