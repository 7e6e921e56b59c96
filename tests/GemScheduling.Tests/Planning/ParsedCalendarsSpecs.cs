using GemScheduling.Planning;

namespace GemScheduling.Tests.Planning;

public sealed class ParsedCalendarsSpecs
{
    private static readonly DateTimeOffset Monday = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Calendar(params (string Uid, DateTimeOffset Start, int Hours)[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
        string.Concat(events.Select(e => $"BEGIN:VEVENT\r\nUID:{e.Uid}@test\r\nDTSTART:{e.Start:yyyyMMdd'T'HHmmss}Z\r\nDTEND:{e.Start.AddHours(e.Hours):yyyyMMdd'T'HHmmss}Z\r\nSUMMARY:Busy\r\nEND:VEVENT\r\n")) +
        "END:VCALENDAR\r\n";

    [Fact]
    public void Given_a_parsed_calendar_when_asked_again_minutes_later_then_the_parse_is_reused()
    {
        using var calendars = new ParsedCalendars();
        var ics = Calendar(("a", Monday.AddDays(2).AddHours(15), 1));

        var first = calendars.Parse(ics, Monday.AddHours(9), Monday.AddDays(14), "UTC");
        var again = calendars.Parse(ics, Monday.AddHours(9).AddMinutes(7), Monday.AddDays(14).AddMinutes(7), "UTC");

        Assert.Same(first, again);
        Assert.Equal(Monday.AddDays(2).AddHours(15), Assert.Single(first.Busy).Start);
    }

    [Fact]
    public void Given_a_parsed_calendar_when_its_text_changes_then_the_new_busy_time_is_seen()
    {
        using var calendars = new ParsedCalendars();
        calendars.Parse(Calendar(("a", Monday.AddDays(2).AddHours(15), 1)), Monday, Monday.AddDays(14), "UTC");

        var changed = calendars.Parse(Calendar(("a", Monday.AddDays(2).AddHours(15), 1), ("b", Monday.AddDays(3).AddHours(10), 2)), Monday, Monday.AddDays(14), "UTC");

        Assert.Equal(2, changed.Busy.Count);
    }

    [Fact]
    public void Given_a_range_starting_mid_day_then_busy_time_earlier_that_day_is_still_included()
    {
        using var calendars = new ParsedCalendars();

        var parsed = calendars.Parse(Calendar(("early", Monday.AddHours(8), 1)), Monday.AddHours(13), Monday.AddDays(1), "UTC");

        Assert.Single(parsed.Busy);
    }
}
