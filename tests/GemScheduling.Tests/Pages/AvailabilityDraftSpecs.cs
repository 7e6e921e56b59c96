using System.Globalization;
using GemScheduling.Api.Pages.CandidateAvailability;
using GemScheduling.Orgs;

namespace GemScheduling.Tests.Pages;

/// <summary>The candidate page's rules without a browser or a silo: zones and clock changes, notice and horizon, merging, and tampered forms.</summary>
public sealed class AvailabilityDraftSpecs
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly AvailabilityLinkPolicy Policy = AvailabilityLinkPolicy.Standard; // 24 h notice, 28 days ahead

    private static AvailabilityDraft Draft(DateTimeOffset now, TimeZoneInfo? zone = null, CultureInfo? culture = null, IEnumerable<Window>? windows = null,
        AvailabilityLinkPolicy? policy = null) =>
        new(zone ?? TimeZoneInfo.Utc, policy ?? Policy, now, culture ?? English, windows ?? [], null);

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void Given_a_time_inside_the_spring_forward_gap_then_it_is_refused_naming_the_clock_change()
    {
        var draft = Draft(Utc(2027, 3, 1, 12), Chicago);

        draft.Add(new DateOnly(2027, 3, 14), "02:30", "04:00");

        Assert.Contains("clocks change", draft.Errors["from-2027-03-14"]);
        Assert.Empty(draft.Windows);
    }

    [Fact]
    public void Given_a_time_in_the_repeated_fall_back_hour_then_the_first_occurrence_is_meant()
    {
        var draft = Draft(Utc(2027, 10, 25, 12), Chicago);

        draft.Add(new DateOnly(2027, 11, 7), "01:00", "03:00");

        Assert.Empty(draft.Errors);
        Assert.Equal(new Window(Utc(2027, 11, 7, 6), Utc(2027, 11, 7, 9)), Assert.Single(draft.Windows)); // 01:00 CDT to 03:00 CST
    }

    [Fact]
    public void Given_the_orgs_notice_then_a_time_before_it_is_refused_and_one_after_it_is_added()
    {
        var draft = Draft(Utc(2026, 12, 7, 10));

        draft.Add(new DateOnly(2026, 12, 8), "09:00", "10:00");
        var tooSoon = draft.Errors["from-2026-12-08"];
        draft.Errors.Clear();
        draft.Add(new DateOnly(2026, 12, 8), "10:00", "11:00");

        Assert.StartsWith("The earliest time you can offer is Tuesday, December 8 10:00", tooSoon);
        Assert.Empty(draft.Errors);
        Assert.Equal(new Window(Utc(2026, 12, 8, 10), Utc(2026, 12, 8, 11)), Assert.Single(draft.Windows));
    }

    [Fact]
    public void Given_the_orgs_horizon_then_a_time_ending_after_it_is_refused()
    {
        var draft = Draft(Utc(2026, 12, 7, 10), policy: Policy with { HorizonDays = 7 });

        draft.Add(new DateOnly(2026, 12, 14), "09:00", "11:00");

        Assert.StartsWith("The latest time you can offer is", draft.Errors["to-2026-12-14"]);
        Assert.Equal(new DateOnly(2026, 12, 14), draft.LastDay);
    }

    [Fact]
    public void Given_overlapping_and_touching_times_then_they_read_as_one_and_until_midnight_ends_the_next_day()
    {
        var draft = Draft(Utc(2026, 12, 1, 0));

        draft.Add(new DateOnly(2026, 12, 8), "09:00", "11:00");
        draft.Add(new DateOnly(2026, 12, 8), "10:30", "12:00");
        draft.Add(new DateOnly(2026, 12, 8), "12:00", "13:00");
        draft.Add(new DateOnly(2026, 12, 9), "22:00", "00:00");

        Assert.Empty(draft.Errors);
        Assert.Equal([new Window(Utc(2026, 12, 8, 9), Utc(2026, 12, 8, 13)), new Window(Utc(2026, 12, 9, 22), Utc(2026, 12, 10, 0))], draft.Windows);
    }

    [Fact]
    public void Given_an_end_not_after_the_start_or_shorter_than_half_an_hour_or_unreadable_then_the_field_is_named()
    {
        var draft = Draft(Utc(2026, 12, 1, 0));

        draft.Add(new DateOnly(2026, 12, 8), "11:00", "10:00");
        draft.Add(new DateOnly(2026, 12, 9), "11:00", "11:15");
        draft.Add(new DateOnly(2026, 12, 10), "11:00\u0000", "25:00");

        Assert.Equal("The end time must be after the start time.", draft.Errors["to-2026-12-08"]);
        Assert.Equal("Offer at least 30 minutes.", draft.Errors["to-2026-12-09"]);
        Assert.Equal("Choose the time you are free from on Thursday, December 10.", draft.Errors["from-2026-12-10"]);
        Assert.Empty(draft.Windows);
    }

    [Fact]
    public void Given_tampered_hidden_fields_then_what_cannot_be_read_is_dropped_and_at_most_200_are_read()
    {
        var good = "2026-12-08T09:00:00Z/2026-12-08T10:00:00Z";
        string?[] values = [good, "2026-12-08T10:00:00Z/2026-12-08T09:00:00Z", "\u0000", null, "x/y", new string('9', 10_000), "2026-12-08T09:00:00+02:00/2026-12-08T10:00:00Z"];

        Assert.Equal([new Window(Utc(2026, 12, 8, 9), Utc(2026, 12, 8, 10))], AvailabilityForm.Decode(values));
        Assert.Equal(AvailabilityForm.MaxWindows, AvailabilityForm.Decode(Enumerable.Range(0, 5000).Select(i =>
            AvailabilityForm.Encode(new Window(Utc(2026, 12, 8, 0).AddHours(2 * i), Utc(2026, 12, 8, 1).AddHours(2 * i))))).Count);
    }

    [Theory]
    [InlineData("add:2026-12-08", typeof(FormAction.Add))]
    [InlineData("remove:3", typeof(FormAction.Remove))]
    [InlineData("week:2026-12-14", typeof(FormAction.ShowWeek))]
    [InlineData("zone", typeof(FormAction.ChangeZone))]
    [InlineData("send", typeof(FormAction.Send))]
    [InlineData("remove:-1", null)]
    [InlineData("add:2026-13-40", null)]
    [InlineData("week:", null)]
    [InlineData("send\u0000", null)]
    [InlineData(null, null)]
    public void Given_a_button_value_then_only_the_known_ones_mean_anything(string? value, Type? expected) =>
        Assert.Equal(expected, FormAction.Parse(value)?.GetType());

    [Fact]
    public void Given_weeks_asked_for_outside_the_horizon_then_the_view_stays_between_the_first_and_last_weeks()
    {
        var draft = Draft(Utc(2026, 12, 3, 20), culture: CultureInfo.GetCultureInfo("de-DE"));

        draft.ShowWeek(new DateOnly(2030, 1, 1));
        var last = draft.WeekStart;
        draft.ShowWeek(new DateOnly(2020, 1, 1));

        Assert.Equal(new DateOnly(2026, 12, 28), last); // Mondays in German; the horizon ends on 31 December
        Assert.Null(draft.NextWeek is { } n && n > last ? n : null);
        Assert.Equal(new DateOnly(2026, 11, 30), draft.WeekStart);
        Assert.Null(draft.PreviousWeek);
        Assert.Equal("Montag, 30. November", draft.DayText(draft.WeekStart));
        Assert.Equal(DayState.TooSoon, draft.Days()[0].State);
        Assert.Equal(DayState.Open, draft.Days()[4].State); // Friday, 4 December: the notice ends that evening
    }

    [Fact]
    public void Given_a_draft_holding_a_time_that_has_since_come_inside_the_notice_then_it_cannot_be_sent_until_removed()
    {
        var draft = Draft(Utc(2026, 12, 7, 10), windows: [new Window(Utc(2026, 12, 7, 12), Utc(2026, 12, 7, 14)), new Window(Utc(2026, 12, 9, 9), Utc(2026, 12, 9, 10))]);

        Assert.False(draft.ReadyToSend());
        Assert.Contains("too soon", draft.Errors["chosen-0"]);
        draft.Errors.Clear();
        draft.Remove(0);
        Assert.True(draft.ReadyToSend());
        Assert.False(Draft(Utc(2026, 12, 7, 10)).ReadyToSend());
    }
}
