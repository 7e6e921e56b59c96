using System.Globalization;
using System.Text.Json;

namespace GemScheduling.Api.Pages.CoordinatorConsole;

/// <summary>How the console writes times and wire names: in the zone an interview or window was given in, and in English like the rest of the console.</summary>
internal static class ConsoleFormat
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Span(DateTimeOffset start, DateTimeOffset end, string? zone)
    {
        var (from, to, name) = (In(start, zone), In(end, zone), ZoneName(zone));
        return from.Date == to.Date
            ? $"{from.ToString("ddd d MMM yyyy, HH:mm", English)}–{to.ToString("HH:mm", English)} ({name})"
            : $"{from.ToString("ddd d MMM yyyy, HH:mm", English)} – {to.ToString("ddd d MMM yyyy, HH:mm", English)} ({name})";
    }

    public static string At(DateTimeOffset instant) => instant.ToUniversalTime().ToString("d MMM yyyy, HH:mm:ss 'UTC'", English);

    /// <summary>An enum as the JSON API spells it ("create_interview"), so the page and the API use the same words.</summary>
    public static string Wire<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, Json).Trim('"');

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static DateTimeOffset In(DateTimeOffset instant, string? zone) =>
        Zone(zone) is { } tz ? TimeZoneInfo.ConvertTime(instant, tz) : instant.ToUniversalTime();

    private static string ZoneName(string? zone) => Zone(zone) is not null ? zone! : "UTC";

    private static TimeZoneInfo? Zone(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone))
            return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
