using CsCheck;
using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Tests.Support;

namespace GemScheduling.Suggestions.Tests;

public sealed class AvailabilityParserTests
{
    [Fact]
    public void Given_a_submission_in_Berlin_When_parsing_Then_windows_are_UTC_instants_in_that_zone()
    {
        var parsed = AvailabilityParser.Parse("Time zone: Europe/Berlin\n2026-12-02 09:00-12:30\n2026-12-04 20:00-24:00");

        Assert.Equal("Europe/Berlin", parsed.TimeZone);
        Assert.Empty(parsed.Unparsed);
        Assert.Equal(
            [
                new AvailabilityWindow(new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), new(2026, 12, 2, 11, 30, 0, TimeSpan.Zero), "Europe/Berlin"),
                new AvailabilityWindow(new(2026, 12, 4, 19, 0, 0, TimeSpan.Zero), new(2026, 12, 4, 23, 0, 0, TimeSpan.Zero), "Europe/Berlin"),
            ],
            parsed.Windows);
    }

    [Fact]
    public void Given_a_start_in_the_spring_forward_gap_When_parsing_Then_it_moves_forward_by_the_gap()
    {
        // New York skips 02:00–03:00 on 8 Mar 2026: 02:30 does not exist and becomes 03:30 EDT (07:30Z).
        var parsed = AvailabilityParser.Parse("Time zone: America/New_York\n2026-03-08 02:30-05:00");

        var window = Assert.Single(parsed.Windows);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void Given_a_start_in_the_fall_back_hour_When_parsing_Then_the_earlier_occurrence_is_used()
    {
        // 01:30 happens twice on 1 Nov 2026 in New York; the first is 01:30 EDT (05:30Z), the second 01:30 EST.
        var parsed = AvailabilityParser.Parse("Time zone: America/New_York\n2026-11-01 01:30-03:00");

        var window = Assert.Single(parsed.Windows);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), window.End);
        Assert.Equal(TimeSpan.FromHours(2.5), window.Length);
    }

    [Fact]
    public void Given_a_southern_hemisphere_spring_forward_When_parsing_Then_the_gap_is_honoured()
    {
        // Sydney jumps 02:00 → 03:00 on 4 Oct 2026 (AEST +10 → AEDT +11).
        var parsed = AvailabilityParser.Parse("Time zone: Australia/Sydney\n2026-10-04 01:00-04:00");

        var window = Assert.Single(parsed.Windows);
        Assert.Equal(new DateTimeOffset(2026, 10, 3, 15, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 3, 17, 0, 0, TimeSpan.Zero), window.End);
        Assert.Equal(TimeSpan.FromHours(2), window.Length);
    }

    [Fact]
    public void Given_a_window_that_only_covers_the_skipped_hour_When_parsing_Then_it_is_reported_not_dropped()
    {
        var parsed = AvailabilityParser.Parse("Time zone: America/New_York\n2026-03-08 02:30-03:00");

        Assert.Empty(parsed.Windows);
        var line = Assert.Single(parsed.Unparsed);
        Assert.Equal(2, line.LineNumber);
        Assert.Contains("daylight-saving gap", line.Reason);
    }

    [Fact]
    public void Given_the_sandbox_malformed_lines_When_parsing_Then_each_is_reported_with_its_line_and_reason()
    {
        var body = string.Join('\n',
            "Time zone: America/New_York",
            "2026-12-01 09:00-12:00",
            "2026-13-40 25:00-26:00",
            "tomorrow afternoon",
            "2026-12-02 17:00-09:00",
            "Wed 10:00-12:00",
            "",
            "2026-12-03 14:00-17:00");

        var parsed = AvailabilityParser.Parse(body);

        Assert.Equal(2, parsed.Windows.Count);
        Assert.Equal(
            [
                (3, "invalid date '2026-13-40'"),
                (4, "not a window: expected 'YYYY-MM-DD HH:mm-HH:mm'"),
                (5, "the end is not after the start"),
                (6, "not a window: expected 'YYYY-MM-DD HH:mm-HH:mm'"),
            ],
            parsed.Unparsed.Select(u => (u.LineNumber, u.Reason)));
        Assert.Equal("tomorrow afternoon", parsed.Unparsed[1].Text);
    }

    [Theory]
    [InlineData("2026-12-01 24:30-24:45", "invalid start time '24:30'")]
    [InlineData("2026-12-01 09:00-24:30", "invalid end time '24:30'")]
    [InlineData("2026-12-01 09:60-10:00", "invalid start time '09:60'")]
    [InlineData("2026-02-30 09:00-10:00", "invalid date '2026-02-30'")]
    public void Given_impossible_times_or_dates_When_parsing_Then_the_reason_names_them(string line, string reason)
    {
        var parsed = AvailabilityParser.Parse($"Time zone: UTC\n{line}");

        Assert.Equal(reason, Assert.Single(parsed.Unparsed).Reason);
    }

    [Fact]
    public void Given_an_unknown_zone_When_parsing_Then_the_zone_line_and_every_window_line_are_reported()
    {
        var parsed = AvailabilityParser.Parse("Time zone: Mars/Olympus_Mons\n2026-12-01 09:00-12:00\n2026-12-02 09:00-12:00");

        Assert.Null(parsed.TimeZone);
        Assert.Empty(parsed.Windows);
        Assert.Equal([1, 2, 3], parsed.Unparsed.Select(u => u.LineNumber));
        Assert.Equal("unknown time zone 'Mars/Olympus_Mons'", parsed.Unparsed[0].Reason);
        Assert.Equal("cannot place the window: unknown time zone 'Mars/Olympus_Mons'", parsed.Unparsed[1].Reason);
    }

    [Fact]
    public void Given_no_zone_line_When_parsing_Then_windows_are_reported_as_unplaceable()
    {
        var parsed = AvailabilityParser.Parse("2026-12-01 09:00-12:00\nTime zone: UTC");

        Assert.Empty(parsed.Windows);
        Assert.Equal(
            [
                (1, "cannot place the window: the submission has no 'Time zone:' line"),
                (2, "the time zone line must come first; this one was ignored"),
            ],
            parsed.Unparsed.Select(u => (u.LineNumber, u.Reason)));
    }

    [Fact]
    public void Given_windows_lines_with_CRLF_and_padding_When_parsing_Then_they_are_read()
    {
        var parsed = AvailabilityParser.Parse("Time zone: UTC\r\n  2026-12-01 09:00-12:00  \r\n\r\n");

        Assert.Single(parsed.Windows);
        Assert.Empty(parsed.Unparsed);
    }

    [Fact]
    public void Given_the_activity_subject_When_checking_Then_only_the_exact_subject_matches()
    {
        Assert.True(AvailabilityParser.IsAvailabilityActivity("Candidate Availability Submitted"));
        Assert.False(AvailabilityParser.IsAvailabilityActivity("Candidate availability submitted"));
        Assert.False(AvailabilityParser.IsAvailabilityActivity(null));
    }

    [Fact]
    public void Given_random_daytime_windows_in_any_zone_across_DST_When_parsing_Then_instants_match_the_BCL()
    {
        var gen =
            from zone in Gen.OneOf(TestZones.All)
            from date in Gen.OneOf(TestZones.NearDstTransitions)
            from shift in Gen.Int[0, 6]
            from start in Gen.Int[6 * 4, 20 * 4]
            from length in Gen.Int[1, 16]
            select (zone, date.AddDays(shift), start * 15, Math.Min(24 * 60, (start + length) * 15));

        gen.Sample((zone, date, from, to) =>
        {
            var line = $"{date:yyyy-MM-dd} {from / 60:00}:{from % 60:00}-{to / 60:00}:{to % 60:00}";

            var parsed = AvailabilityParser.Parse($"Time zone: {zone}\n{line}");

            var window = Assert.Single(parsed.Windows);
            Assert.Equal(TestZones.At(zone, date, from), window.Start);
            Assert.Equal(TestZones.At(zone, date, to), window.End);
        }, iter: 500);
    }
}
