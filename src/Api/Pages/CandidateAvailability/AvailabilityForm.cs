using System.Globalization;

namespace GemScheduling.Api.Pages.CandidateAvailability;

/// <summary>What the candidate pressed: every button on the page posts the whole form, so the draft travels with it.</summary>
internal abstract record FormAction
{
    public sealed record Add(DateOnly Day) : FormAction;
    public sealed record Remove(int Index) : FormAction;
    public sealed record ShowWeek(DateOnly WeekStart) : FormAction;
    public sealed record ChangeZone : FormAction;
    public sealed record Send : FormAction;

    public static FormAction? Parse(string? value)
    {
        var (verb, argument) = value?.Split(':', 2) is [var v, var a] ? (v, a) : (value, "");
        return verb switch
        {
            "add" when AvailabilityForm.TryDay(argument, out var day) => new Add(day),
            "remove" when int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var index) => new Remove(index),
            "week" when AvailabilityForm.TryDay(argument, out var week) => new ShowWeek(week),
            "zone" => new ChangeZone(),
            "send" => new Send(),
            _ => null,
        };
    }
}

/// <summary>
/// The form protocol of the candidate's page, which works without JavaScript: the windows chosen so far ride along as
/// hidden fields (<c>w</c>, "start/end" in UTC), each day has its own From and To, and the button says what to do.
/// </summary>
internal static class AvailabilityForm
{
    public const int MaxWindows = 200;
    public const string Windows = "w";
    public const string Zone = "tz";
    public const string Week = "week";
    public const string Action = "action";

    public static string FromField(DateOnly day) => "from-" + Day(day);
    public static string ToField(DateOnly day) => "to-" + Day(day);
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Encode(Window window) =>
        window.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + "/" +
        window.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The windows carried by the form; what cannot be read (a tampered field) is dropped, never guessed.</summary>
    public static List<Window> Decode(IEnumerable<string?> values)
    {
        var windows = new List<Window>();
        foreach (var value in values.Take(MaxWindows))
        {
            if (value?.Split('/') is [var start, var end]
                && DateTimeOffset.TryParseExact(start, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s)
                && DateTimeOffset.TryParseExact(end, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e)
                && e > s)
                windows.Add(new Window(s, e));
        }

        return Merge(windows);
    }

    /// <summary>Sorted, with overlapping or touching windows joined, as the candidate would read them.</summary>
    public static List<Window> Merge(IEnumerable<Window> windows)
    {
        var merged = new List<Window>();
        foreach (var window in windows.OrderBy(w => w.Start))
        {
            if (merged.Count > 0 && window.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = window.End > merged[^1].End ? window.End : merged[^1].End };
            else
                merged.Add(window);
        }

        return merged;
    }
}

/// <summary>A window the candidate offers, as instants.</summary>
public sealed record Window(DateTimeOffset Start, DateTimeOffset End);
