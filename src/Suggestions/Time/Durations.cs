using System.Globalization;

namespace GemScheduling.Suggestions.Time;

/// <summary>Human-readable durations and dates for reasons and blockers ("1h 30m", "Tue 1 Dec").</summary>
internal static class Durations
{
    public static string Describe(TimeSpan span)
    {
        var minutes = (long)Math.Round(span.TotalMinutes);
        var (h, m) = (minutes / 60, minutes % 60);
        return (h, m) switch
        {
            (0, _) => string.Create(CultureInfo.InvariantCulture, $"{m} min"),
            (_, 0) => string.Create(CultureInfo.InvariantCulture, $"{h}h"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{h}h {m}m"),
        };
    }

    public static string Day(DateOnly date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    public static string Clock(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
