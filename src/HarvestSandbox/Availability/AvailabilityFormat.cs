using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GemScheduling.HarvestSandbox;

/// <summary>
/// The text format of candidate availability on the activity feed (a sandbox convention; Harvest v1/v2 documents
/// no availability data, docs/HARVEST-CONTRACT.md §10). An activity whose subject is exactly <see cref="Subject"/> has a body of
/// lines separated by <c>\n</c>: first <c>Time zone: &lt;IANA zone&gt;</c>, then one window per line
/// <c>YYYY-MM-DD HH:mm-HH:mm</c> in local time of that zone (the end may be <c>24:00</c>).
/// </summary>
public static partial class AvailabilityFormat
{
    public const string Subject = "Candidate Availability Submitted";
    public const string TimeZonePrefix = "Time zone: ";

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})-(\d{2}):(\d{2})$")]
    private static partial Regex WindowLine();

    public static string Format(string timeZone, IEnumerable<AvailabilityWindow> windows, IEnumerable<string>? extraLines = null)
    {
        var sb = new StringBuilder(TimeZonePrefix).Append(timeZone);
        foreach (var w in windows)
        {
            sb.Append('\n').Append(FormatWindow(w));
        }

        foreach (var line in extraLines ?? [])
        {
            sb.Append('\n').Append(line);
        }

        return sb.ToString();
    }

    public static string FormatWindow(AvailabilityWindow w) =>
        $"{w.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Clock(w.Start)}-{Clock(w.End)}";

    /// <summary>Reads a body back: the zone, the valid windows, and every line that is not a valid window.</summary>
    public static ParsedAvailability Parse(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string? zone = null;
        var windows = new List<AvailabilityWindow>();
        var invalid = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (i == 0 && line.StartsWith(TimeZonePrefix, StringComparison.Ordinal))
            {
                zone = line[TimeZonePrefix.Length..].Trim();
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (TryParseWindow(line, out var window))
            {
                windows.Add(window);
            }
            else
            {
                invalid.Add(lines[i]);
            }
        }

        return new ParsedAvailability(zone, windows, invalid);
    }

    public static bool TryParseWindow(string line, out AvailabilityWindow window)
    {
        window = default!;
        var m = WindowLine().Match(line.Trim());
        if (!m.Success)
        {
            return false;
        }

        int N(int g) => int.Parse(m.Groups[g].ValueSpan, CultureInfo.InvariantCulture);
        if (!DateOnly.TryParseExact($"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}", "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        var (sh, sm, eh, em) = (N(4), N(5), N(6), N(7));
        if (sh > 23 || sm > 59 || em > 59 || eh > 24 || (eh == 24 && em != 0))
        {
            return false;
        }

        var start = new TimeSpan(sh, sm, 0);
        var end = new TimeSpan(eh, em, 0);
        if (end <= start)
        {
            return false;
        }

        window = new AvailabilityWindow(date, start, end);
        return true;
    }

    private static string Clock(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}");
}

public sealed record ParsedAvailability(string? TimeZone, IReadOnlyList<AvailabilityWindow> Windows, IReadOnlyList<string> InvalidLines);
