namespace GemScheduling.Suggestions.Time;

/// <summary>
/// Turns a wall-clock time in a zone into an instant. The two DST edge cases are resolved like NodaTime's lenient
/// resolver: a time in a gap (spring forward) moves forward by the length of the gap (02:30 on a 02:00→03:00 night is
/// 03:30 daylight time); an ambiguous time (fall back) takes the earlier instant, i.e. its first occurrence.
/// </summary>
public static class LocalTimeResolver
{
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            var earliest = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, earliest).ToUniversalTime();
        }

        if (zone.IsInvalidTime(local))
        {
            // Interpreting the time with the offset in force just before the gap shifts it forward by the gap length.
            return new DateTimeOffset(local, OffsetBeforeGap(zone, local)).ToUniversalTime();
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTime ToLocal(TimeZoneInfo zone, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    private static TimeSpan OffsetBeforeGap(TimeZoneInfo zone, DateTime local)
    {
        var probe = local;
        for (var i = 0; i < 4 * 48 && zone.IsInvalidTime(probe); i++)
        {
            probe = probe.AddMinutes(-15);
        }

        return zone.IsAmbiguousTime(probe) ? zone.GetAmbiguousTimeOffsets(probe).Min() : zone.GetUtcOffset(probe);
    }
}
