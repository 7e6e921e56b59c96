namespace GemScheduling.Suggestions.Availability;

/// <summary>A stretch of time the candidate is available: instants (UTC) plus the zone the candidate expressed it in.</summary>
public sealed record AvailabilityWindow(DateTimeOffset Start, DateTimeOffset End, string TimeZone)
{
    public TimeSpan Length => End - Start;
}
