namespace GemScheduling.Suggestions.Time;

/// <summary>
/// The UTC offsets of one zone over a bounded span, as a handful of segments, so the search can convert between
/// instants and wall-clock times without calling <see cref="TimeZoneInfo"/> in its inner loops. Resolution rules are
/// those of <see cref="LocalTimeResolver"/>. Instants outside the span use the nearest segment's offset.
/// </summary>
internal sealed class ZoneTimeline
{
    private readonly long[] _segmentStart; // UTC ticks where each offset starts to apply
    private readonly long[] _offset; // offset ticks

    public ZoneTimeline(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var starts = new List<long> { long.MinValue };
        var offsets = new List<long>();
        var day = new DateTime(from.UtcDateTime.Date.Ticks, DateTimeKind.Utc);
        var end = to.UtcDateTime;
        var previous = zone.GetUtcOffset(day).Ticks;
        offsets.Add(previous);
        while (day < end)
        {
            var next = day.AddDays(1);
            var offset = zone.GetUtcOffset(next).Ticks;
            if (offset != previous)
            {
                starts.Add(FindTransition(zone, day, next, previous));
                offsets.Add(offset);
                previous = offset;
            }

            day = next;
        }

        _segmentStart = [.. starts];
        _offset = [.. offsets];
    }

    public long OffsetAt(long utcTicks)
    {
        var i = Array.BinarySearch(_segmentStart, utcTicks);
        return _offset[i >= 0 ? i : ~i - 1];
    }

    public long ToLocalTicks(long utcTicks) => utcTicks + OffsetAt(utcTicks);

    public DateOnly LocalDate(long utcTicks) => DateOnly.FromDateTime(new DateTime(ToLocalTicks(utcTicks)));

    /// <summary>Wall-clock ticks to UTC ticks: gaps move forward, ambiguous times take the earlier instant.</summary>
    public long ToUtcTicks(long localTicks)
    {
        var best = long.MaxValue;
        for (var i = 0; i < _offset.Length; i++)
        {
            var candidate = localTicks - _offset[i];
            var segmentEnd = i + 1 < _segmentStart.Length ? _segmentStart[i + 1] : long.MaxValue;
            if (candidate >= _segmentStart[i] && candidate < segmentEnd && candidate < best)
            {
                best = candidate;
            }
        }

        if (best != long.MaxValue)
        {
            return best;
        }

        // In a gap: the first segment whose own offset maps the time past its end is the one before the gap.
        for (var i = 0; i + 1 < _segmentStart.Length; i++)
        {
            if (localTicks - _offset[i] >= _segmentStart[i + 1] && localTicks - _offset[i + 1] < _segmentStart[i + 1])
            {
                return localTicks - _offset[i];
            }
        }

        return localTicks - _offset[0];
    }

    private static long FindTransition(TimeZoneInfo zone, DateTime low, DateTime high, long lowOffset)
    {
        // Offsets only change on whole minutes; bisect to the first minute with the new offset.
        var lo = low.Ticks / TimeSpan.TicksPerMinute;
        var hi = high.Ticks / TimeSpan.TicksPerMinute;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (zone.GetUtcOffset(new DateTime(mid * TimeSpan.TicksPerMinute, DateTimeKind.Utc)).Ticks == lowOffset)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi * TimeSpan.TicksPerMinute;
    }
}
