using System.Globalization;

namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>ISO-8601 week of a local date as a sortable number (ISO year × 100 + week).</summary>
internal static class WeekKey
{
    public static int Of(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        return (ISOWeek.GetYear(dt) * 100) + ISOWeek.GetWeekOfYear(dt);
    }

    public static DateOnly Monday(int key) =>
        DateOnly.FromDateTime(ISOWeek.ToDateTime(key / 100, key % 100, DayOfWeek.Monday));
}
