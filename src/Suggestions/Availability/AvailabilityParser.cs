using System.Globalization;
using System.Text.RegularExpressions;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Availability;

/// <summary>
/// Reads the body of a <c>Candidate Availability Submitted</c> activity: first line <c>Time zone: &lt;IANA zone&gt;</c>,
/// then one window per line, <c>YYYY-MM-DD HH:mm-HH:mm</c> in that zone's local time (the end may be <c>24:00</c>).
/// Blank lines are ignored; every other line that does not yield a window is reported as an <see cref="UnparsedLine"/>.
/// Local times become instants with <see cref="LocalTimeResolver"/> (DST gap → forward, ambiguous → earlier instant).
/// </summary>
public static partial class AvailabilityParser
{
    public const string ActivitySubject = "Candidate Availability Submitted";
    public const string TimeZonePrefix = "Time zone:";

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WindowLine();

    public static bool IsAvailabilityActivity(string? subject) =>
        string.Equals(subject?.Trim(), ActivitySubject, StringComparison.Ordinal);

    public static ParsedAvailability Parse(string? body)
    {
        var lines = (body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var windows = new List<AvailabilityWindow>();
        var unparsed = new List<UnparsedLine>();
        TimeZoneInfo? zone = null;
        string? zoneId = null;
        var zoneProblem = "the submission has no 'Time zone:' line";
        var firstContent = true;

        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var text = lines[i].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.StartsWith(TimeZonePrefix, StringComparison.OrdinalIgnoreCase))
            {
                var id = text[TimeZonePrefix.Length..].Trim();
                if (!firstContent)
                {
                    unparsed.Add(new UnparsedLine(lineNumber, lines[i], "the time zone line must come first; this one was ignored"));
                }
                else if (TimeZones.TryFind(id, out var found))
                {
                    (zone, zoneId) = (found, id);
                }
                else
                {
                    zoneProblem = $"unknown time zone '{id}'";
                    unparsed.Add(new UnparsedLine(lineNumber, lines[i], zoneProblem));
                }

                firstContent = false;
                continue;
            }

            firstContent = false;
            var (window, reason) = ParseWindow(text, zone, zoneId);
            if (window is not null)
            {
                windows.Add(window);
            }
            else
            {
                unparsed.Add(new UnparsedLine(lineNumber, lines[i], reason ?? $"cannot place the window: {zoneProblem}"));
            }
        }

        return new ParsedAvailability(zoneId, windows, unparsed);
    }

    /// <summary>Parses one window line; returns the window, or null with the reason (null reason = no usable zone).</summary>
    private static (AvailabilityWindow? Window, string? Reason) ParseWindow(string text, TimeZoneInfo? zone, string? zoneId)
    {
        var m = WindowLine().Match(text);
        if (!m.Success)
        {
            return (null, "not a window: expected 'YYYY-MM-DD HH:mm-HH:mm'");
        }

        int N(int group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
        var dateText = $"{m.Groups[1].Value}-{m.Groups[2].Value}-{m.Groups[3].Value}";
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, $"invalid date '{dateText}'");
        }

        var (sh, sm, eh, em) = (N(4), N(5), N(6), N(7));
        if (sh > 23 || sm > 59)
        {
            return (null, $"invalid start time '{m.Groups[4].Value}:{m.Groups[5].Value}'");
        }

        if (eh > 24 || em > 59 || (eh == 24 && em != 0))
        {
            return (null, $"invalid end time '{m.Groups[6].Value}:{m.Groups[7].Value}'");
        }

        var localStart = date.ToDateTime(new TimeOnly(sh, sm));
        var localEnd = date.ToDateTime(TimeOnly.MinValue).AddHours(eh).AddMinutes(em);
        if (localEnd <= localStart)
        {
            return (null, "the end is not after the start");
        }

        if (zone is null || zoneId is null)
        {
            return (null, null);
        }

        var start = LocalTimeResolver.ToInstant(zone, localStart);
        var end = LocalTimeResolver.ToInstant(zone, localEnd);
        if (end <= start)
        {
            return (null, "the window lies inside the daylight-saving gap, so it has no length");
        }

        return (new AvailabilityWindow(start, end, zoneId), null);
    }
}
