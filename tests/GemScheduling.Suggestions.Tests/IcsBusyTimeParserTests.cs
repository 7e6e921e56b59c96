using GemScheduling.Suggestions.Calendar;

namespace GemScheduling.Suggestions.Tests;

public sealed class IcsBusyTimeParserTests
{
    private static readonly DateTimeOffset March1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Calendar(params string[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//GemScheduling//tests//EN\r\n" + string.Concat(events) + "END:VCALENDAR\r\n";

    private static string Event(string body) => "BEGIN:VEVENT\r\n" + body.Trim().Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\nEND:VEVENT\r\n";

    private const string WeeklySync = """
        UID:weekly-sync
        DTSTART;TZID=America/New_York:20260302T100000
        DTEND;TZID=America/New_York:20260302T110000
        RRULE:FREQ=WEEKLY;COUNT=5
        EXDATE;TZID=America/New_York:20260316T100000
        SUMMARY:Weekly sync
        """;

    [Fact]
    public void Given_a_weekly_event_with_TZID_and_EXDATE_across_DST_When_importing_Then_occurrences_follow_local_time()
    {
        var result = IcsBusyTimeParser.Parse(Calendar(Event(WeeklySync)), March1, March1.AddDays(40));

        Assert.Empty(result.Problems);
        Assert.Equal(
            [
                (new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero)), // EST
                (new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero)), // EDT
                (new DateTimeOffset(2026, 3, 23, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 23, 15, 0, 0, TimeSpan.Zero)),
                (new DateTimeOffset(2026, 3, 30, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 15, 0, 0, TimeSpan.Zero)),
            ],
            result.Busy.Select(b => (b.Start, b.End)));
        Assert.All(result.Busy, b => Assert.Equal(("ical", false), (b.Source, b.CountsTowardLimits)));
    }

    [Fact]
    public void Given_a_cancelled_instance_override_When_importing_Then_that_instance_is_free()
    {
        var cancelled = Event("""
            UID:weekly-sync
            RECURRENCE-ID;TZID=America/New_York:20260323T100000
            DTSTART;TZID=America/New_York:20260323T100000
            DTEND;TZID=America/New_York:20260323T110000
            STATUS:CANCELLED
            SUMMARY:Weekly sync
            """);

        var result = IcsBusyTimeParser.Parse(Calendar(Event(WeeklySync), cancelled), March1, March1.AddDays(40));

        Assert.DoesNotContain(result.Busy, b => b.Start.Day == 23);
        Assert.Equal(3, result.Busy.Count);
    }

    [Fact]
    public void Given_transparent_cancelled_and_all_day_events_When_importing_Then_only_opaque_ones_block_and_all_day_covers_the_local_day()
    {
        var ics = Calendar(
            Event("""
                UID:free
                DTSTART:20260304T150000Z
                DTEND:20260304T160000Z
                TRANSP:TRANSPARENT
                """),
            Event("""
                UID:off
                DTSTART:20260304T170000Z
                DTEND:20260304T180000Z
                STATUS:CANCELLED
                """),
            Event("""
                UID:offsite
                DTSTART;VALUE=DATE:20260305
                DTEND;VALUE=DATE:20260306
                """));

        var result = IcsBusyTimeParser.Parse(ics, March1, March1.AddDays(10), floatingTimeZone: "America/New_York");

        var offsite = Assert.Single(result.Busy);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 5, 0, 0, TimeSpan.Zero), offsite.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 5, 0, 0, TimeSpan.Zero), offsite.End);
    }

    [Fact]
    public void Given_an_event_that_started_before_the_range_When_importing_Then_its_overlap_is_kept()
    {
        var ics = Calendar(Event("""
            UID:conference
            DTSTART:20260227T120000Z
            DTEND:20260303T120000Z
            """));

        var result = IcsBusyTimeParser.Parse(ics, March1, March1.AddDays(5));

        Assert.Equal(new DateTimeOffset(2026, 2, 27, 12, 0, 0, TimeSpan.Zero), Assert.Single(result.Busy).Start);
    }

    [Fact]
    public void Given_an_event_with_an_unknown_TZID_When_importing_Then_it_is_reported_and_the_rest_still_import()
    {
        var ics = Calendar(
            Event("""
                UID:bad
                DTSTART;TZID=Mars/Olympus:20260305T150000
                DURATION:PT30M
                SUMMARY:Launch review
                """),
            Event(WeeklySync));

        var result = IcsBusyTimeParser.Parse(ics, March1, March1.AddDays(40));

        Assert.Equal(4, result.Busy.Count);
        Assert.Contains(result.Problems, p => p.Contains("'Launch review' was skipped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hello, this is not a calendar")]
    [InlineData("")]
    public void Given_text_that_is_not_a_calendar_When_importing_Then_a_problem_is_reported_instead_of_throwing(string text)
    {
        var result = IcsBusyTimeParser.Parse(text, March1, March1.AddDays(7));

        Assert.Empty(result.Busy);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Given_an_endless_daily_event_and_a_long_range_When_importing_Then_the_range_is_capped_at_eight_weeks()
    {
        var ics = Calendar(Event("""
            UID:standup
            DTSTART:20260302T140000Z
            DURATION:PT15M
            RRULE:FREQ=DAILY
            """));

        var result = IcsBusyTimeParser.Parse(ics, March1, March1.AddDays(365));

        Assert.Equal(55, result.Busy.Count); // 2 Mar .. 25 Apr (the range ends 26 Apr 00:00Z)
        Assert.Contains(result.Problems, p => p.StartsWith("the range was limited to 56 days", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_calendar_whose_expansion_would_take_over_the_budget_When_importing_Then_it_stops_and_says_it_read_only_part()
    {
        // 2,000 events every hour for eight weeks: over two million occurrences if expanded in full.
        var ics = Calendar(Enumerable.Range(0, 2_000).Select(i => Event($"""
            UID:hourly-{i}
            DTSTART:20260301T{i % 24:00}0000Z
            DURATION:PT5M
            RRULE:FREQ=HOURLY
            """)).ToArray());

        var result = IcsBusyTimeParser.Parse(ics, March1, March1.AddDays(56));

        Assert.Contains(result.Problems, p => p.StartsWith("the calendar is too large to read in full", StringComparison.Ordinal));
        Assert.True(result.Busy.Count <= IcsBusyTimeParser.MaxOccurrences);
    }
}
