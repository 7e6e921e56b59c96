using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Availability;

/// <summary>
/// Merges overlapping or touching windows and refuses windows that end before they start or last more than 24 hours.
/// "24 hours" is measured on the wall clock of the window's zone, so a whole fall-back day (00:00–24:00, 25 real
/// hours) is still accepted. A merged window keeps the zone of its earliest part.
/// </summary>
public static class AvailabilityNormalizer
{
    public static readonly TimeSpan MaxWindowLength = TimeSpan.FromHours(24);

    public static NormalizedAvailability Normalize(IEnumerable<AvailabilityWindow> windows)
    {
        var accepted = new List<AvailabilityWindow>();
        var rejected = new List<RejectedWindow>();
        foreach (var w in windows)
        {
            var reason = Check(w);
            if (reason is null)
            {
                accepted.Add(w);
            }
            else
            {
                rejected.Add(new RejectedWindow(w, reason));
            }
        }

        accepted.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var merged = new List<AvailabilityWindow>();
        foreach (var w in accepted)
        {
            if (merged.Count > 0 && w.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { End = w.End > last.End ? w.End : last.End };
            }
            else
            {
                merged.Add(w with { Start = w.Start.ToUniversalTime(), End = w.End.ToUniversalTime() });
            }
        }

        return new NormalizedAvailability(merged, rejected);
    }

    private static string? Check(AvailabilityWindow w)
    {
        if (w.End <= w.Start)
        {
            return "the window ends before it starts";
        }

        if (!TimeZones.TryFind(w.TimeZone, out var zone))
        {
            return $"unknown time zone '{w.TimeZone}'";
        }

        var wallClock = LocalTimeResolver.ToLocal(zone, w.End) - LocalTimeResolver.ToLocal(zone, w.Start);
        return wallClock > MaxWindowLength || w.End - w.Start > MaxWindowLength + TimeSpan.FromHours(1)
            ? $"the window is longer than 24 hours ({Durations.Describe(w.End - w.Start)})"
            : null;
    }
}
