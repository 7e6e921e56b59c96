using CsCheck;
using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Tests.Support;

namespace GemScheduling.Suggestions.Tests;

public sealed class AvailabilityNormalizerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static AvailabilityWindow W(double fromHours, double toHours, string zone = "UTC") =>
        new(Noon.AddHours(fromHours), Noon.AddHours(toHours), zone);

    [Fact]
    public void Given_overlapping_and_touching_windows_When_normalizing_Then_they_merge_and_stay_sorted()
    {
        var result = AvailabilityNormalizer.Normalize([W(5, 6), W(0, 2), W(1, 3), W(3, 4)]);

        Assert.Equal([W(0, 4), W(5, 6)], result.Windows);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Given_windows_that_end_first_or_run_over_a_day_When_normalizing_Then_they_are_rejected_with_reasons()
    {
        var result = AvailabilityNormalizer.Normalize([W(2, 1), W(0, 25), W(0, 1, "Nowhere/Special")]);

        Assert.Empty(result.Windows);
        Assert.Equal(
            ["the window ends before it starts", "the window is longer than 24 hours (25h)", "unknown time zone 'Nowhere/Special'"],
            result.Rejected.Select(r => r.Reason));
    }

    [Fact]
    public void Given_a_whole_fall_back_day_When_normalizing_Then_its_25_real_hours_are_accepted()
    {
        var parsed = AvailabilityParser.Parse("Time zone: Europe/London\n2026-10-25 00:00-24:00");

        var result = AvailabilityNormalizer.Normalize(parsed.Windows);

        Assert.Equal(TimeSpan.FromHours(25), Assert.Single(result.Windows).Length);
    }

    [Fact]
    public void Given_random_windows_When_normalizing_Then_output_is_disjoint_sorted_and_covers_the_same_time()
    {
        var gen = Gen.Select(Gen.Int[0, 200], Gen.Int[1, 40]).List[0, 12];
        gen.Sample(specs =>
        {
            var windows = specs.Select(s => W(s.Item1 / 4.0, (s.Item1 + s.Item2) / 4.0)).ToList();

            var merged = AvailabilityNormalizer.Normalize(windows).Windows;

            for (var i = 1; i < merged.Count; i++)
            {
                Assert.True(merged[i - 1].End < merged[i].Start);
            }

            for (var q = 0; q < 260; q++)
            {
                var t = Noon.AddMinutes((q * 15) + 1);
                Assert.Equal(windows.Any(w => w.Start <= t && t < w.End), merged.Any(w => w.Start <= t && t < w.End));
            }
        }, iter: 300);
    }
}
