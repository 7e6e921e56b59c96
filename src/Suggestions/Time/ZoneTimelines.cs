namespace GemScheduling.Suggestions.Time;

/// <summary>Per-run cache of timelines by zone id (many interviewers share a zone).</summary>
internal sealed class ZoneTimelines(DateTimeOffset from, DateTimeOffset to)
{
    private readonly Dictionary<string, ZoneTimeline> _byZone = new(StringComparer.Ordinal);

    public ZoneTimeline For(TimeZoneInfo zone)
    {
        if (!_byZone.TryGetValue(zone.Id, out var timeline))
        {
            timeline = new ZoneTimeline(zone, from, to);
            _byZone[zone.Id] = timeline;
        }

        return timeline;
    }
}
