using CsCheck;
using GemScheduling.Suggestions.Time;
using GemScheduling.Suggestions.Tests.Support;

namespace GemScheduling.Suggestions.Tests;

public sealed class LocalTimeResolverTests
{
    [Theory]
    [InlineData("Europe/London", "2026-03-29T01:30", "2026-03-29T01:30Z")] // gap 01:00→02:00 GMT→BST: 02:30 BST
    [InlineData("Europe/Berlin", "2026-10-25T02:30", "2026-10-25T00:30Z")] // ambiguous: first (CEST) occurrence
    [InlineData("Pacific/Auckland", "2026-09-27T02:30", "2026-09-26T14:30Z")] // gap 02:00→03:00: 03:30 NZDT
    [InlineData("Australia/Sydney", "2026-04-05T02:30", "2026-04-04T15:30Z")] // ambiguous: first (AEDT) occurrence
    [InlineData("Asia/Kolkata", "2026-03-29T02:30", "2026-03-28T21:00Z")] // no DST
    public void Given_DST_edge_times_When_resolving_Then_gaps_move_forward_and_overlaps_take_the_earlier_instant(
        string zone, string local, string expectedUtc)
    {
        var instant = LocalTimeResolver.ToInstant(TestZones.Find(zone), DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Fact]
    public void Given_any_local_time_near_transitions_When_converting_with_the_search_timeline_Then_it_agrees_with_the_resolver()
    {
        var gen =
            from zone in Gen.OneOf(TestZones.All)
            from date in Gen.OneOf(TestZones.NearDstTransitions)
            from day in Gen.Int[0, 12]
            from minute in Gen.Int[0, (24 * 4) - 1]
            select (zone, date.AddDays(day).ToDateTime(TimeOnly.MinValue).AddMinutes(minute * 15));

        gen.Sample((zoneId, local) =>
        {
            var zone = TestZones.Find(zoneId);
            var timeline = new ZoneTimeline(zone, new DateTimeOffset(local.AddDays(-20), TimeSpan.Zero), new DateTimeOffset(local.AddDays(20), TimeSpan.Zero));
            var expected = LocalTimeResolver.ToInstant(zone, local);

            Assert.Equal(expected.UtcTicks, timeline.ToUtcTicks(local.Ticks));
            Assert.Equal(TimeZoneInfo.ConvertTime(expected, zone).DateTime.Ticks, timeline.ToLocalTicks(expected.UtcTicks));
        }, iter: 2000);
    }
}
