using System.Text.Json.Serialization;
using GemScheduling.HarvestSandbox.Harvest.Json;

namespace GemScheduling.HarvestSandbox;

/// <summary>A start or end: a UTC instant, or a date for all-day interviews.</summary>
[JsonConverter(typeof(InterviewTimeConverter))]
public readonly record struct InterviewTime(DateTimeOffset? DateTime, DateOnly? Date)
{
    public static InterviewTime At(DateTimeOffset instant) => new(instant, null);

    public static InterviewTime AllDay(DateOnly date) => new(null, date);

    /// <summary>The instant used for ordering and filters; an all-day date counts from midnight UTC.</summary>
    public DateTimeOffset Instant =>
        DateTime ?? new DateTimeOffset(Date!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
