namespace GemScheduling.Suggestions.Tests.Support;

/// <summary>The zones and dates the tests draw from: dates sit just before 2026's DST transitions.</summary>
internal static class TestZones
{
    public static readonly string[] All =
    [
        "America/New_York", "Europe/London", "Europe/Berlin", "Australia/Sydney",
        "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Auckland", "UTC",
    ];

    /// <summary>
    /// US springs forward 8 Mar, the EU 29 Mar, Sydney and Auckland fall back 5 Apr; Auckland springs forward 27 Sep,
    /// Sydney 4 Oct; the EU falls back 25 Oct and the US 1 Nov. A few days from these dates cross a transition.
    /// </summary>
    public static readonly DateOnly[] NearDstTransitions =
    [
        new(2026, 3, 5), new(2026, 3, 26), new(2026, 4, 2), new(2026, 9, 24),
        new(2026, 10, 1), new(2026, 10, 22), new(2026, 10, 29),
    ];

    public static TimeZoneInfo Find(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>Daytime local → instant with the BCL alone (tests keep clear of the night hours where DST switches).</summary>
    public static DateTimeOffset At(string zone, DateOnly date, int minutesAfterMidnight)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minutesAfterMidnight);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Find(zone)), TimeSpan.Zero);
    }

    public static DateTime Local(string zone, DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Find(zone)).DateTime;
}
