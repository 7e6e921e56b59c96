using GemScheduling.Suggestions.Interviewers;
using GemScheduling.Suggestions.Time;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using IcalCalendar = Ical.Net.Calendar;
using static Ical.Net.CollectionExtensions;

namespace GemScheduling.Suggestions.Calendar;

/// <summary>
/// Imports busy time from an RFC 5545 calendar with Ical.Net. Recurring events are expanded (RRULE, RDATE, EXDATE and
/// RECURRENCE-ID overrides), TZIDs are honoured, all-day events block their whole days in
/// <c>floatingTimeZone</c>, and transparent (TRANSP:TRANSPARENT) or cancelled events are skipped. Nothing throws:
/// problems are reported. The work is bounded whatever the file holds: the range is capped at <see cref="MaxRange"/>,
/// the result at <see cref="MaxOccurrences"/> occurrences, and expansion at <see cref="MaxEvaluated"/> occurrences
/// looked at and <see cref="MaxTime"/> in all (a calendar over either is read as far as it got, and says so).
/// Imported intervals do not count toward interview limits.
/// </summary>
public static class IcsBusyTimeParser
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(56);
    public const int MaxOccurrences = 5_000;
    public const int MaxEvaluated = 50_000;
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);
    private const int MaxUnmatchedIncrements = 2_000;

    /// <param name="floatingTimeZone">Zone for all-day events and times without TZID (the interviewer's zone); UTC when null.</param>
    public static IcsBusyTimes Parse(string ics, DateTimeOffset from, DateTimeOffset to, string? floatingTimeZone = null)
    {
        var problems = new List<string>();
        if (to <= from)
        {
            return new IcsBusyTimes([], ["the requested range is empty"]);
        }

        if (to - from > MaxRange)
        {
            to = from + MaxRange;
            problems.Add($"the range was limited to {MaxRange.TotalDays:0} days, ending {to:yyyy-MM-dd HH:mm}Z");
        }

        var floating = TimeZoneInfo.Utc;
        if (floatingTimeZone is not null && !TimeZones.TryFind(floatingTimeZone, out floating))
        {
            problems.Add($"unknown time zone '{floatingTimeZone}' for all-day and floating events; using UTC");
            floating = TimeZoneInfo.Utc;
        }

        IcalCalendar? calendar;
        try
        {
            calendar = IcalCalendar.Load(ics);
        }
        catch (Exception e)
        {
            return new IcsBusyTimes([], [.. problems, $"the calendar could not be read: {e.Message}"]);
        }

        if (calendar is null)
        {
            return new IcsBusyTimes([], [.. problems, "the text is not an iCalendar (no VCALENDAR)"]);
        }

        var rangeStart = new CalDateTime(from.UtcDateTime, CalDateTime.UtcTzId);
        var rangeEnd = new CalDateTime(to.UtcDateTime, CalDateTime.UtcTzId);
        var options = new EvaluationOptions { MaxUnmatchedIncrementsLimit = MaxUnmatchedIncrements };
        var budget = new Budget(System.Diagnostics.Stopwatch.StartNew());
        RemoveUnreadableEvents(calendar, rangeStart, rangeEnd, options, problems, budget);
        if (budget.Spent)
            return new IcsBusyTimes([], [.. problems, budget.Why]);

        var busy = new List<BusyInterval>();
        try
        {
            foreach (var occurrence in calendar.GetOccurrences<CalendarEvent>(rangeStart, options).TakeWhileBefore(rangeEnd))
            {
                if (busy.Count >= MaxOccurrences)
                {
                    problems.Add($"stopped after {MaxOccurrences} occurrences");
                    break;
                }

                if (!budget.Take())
                {
                    problems.Add(budget.Why);
                    break;
                }

                if (occurrence.Source is CalendarEvent evt && Blocks(evt) && ToInterval(occurrence.Period, floating) is { } interval
                    && interval.End > from && interval.Start < to)
                {
                    busy.Add(interval);
                }
            }
        }
        catch (Exception e)
        {
            problems.Add($"expanding the calendar failed part-way: {e.Message}");
        }

        busy.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return new IcsBusyTimes(busy, problems);
    }

    /// <summary>How much expansion one parse may do.</summary>
    private sealed class Budget(System.Diagnostics.Stopwatch clock)
    {
        private int _evaluated;

        public bool Spent { get; private set; }

        public string Why => $"the calendar is too large to read in full (over {MaxEvaluated} occurrences or {MaxTime.TotalSeconds:0} s); only part of it was used";

        public bool Take()
        {
            Spent = Spent || ++_evaluated > MaxEvaluated || (_evaluated % 256 == 0 && clock.Elapsed > MaxTime);
            return !Spent;
        }
    }

    private static bool Blocks(CalendarEvent evt) =>
        !string.Equals(evt.Transparency, "TRANSPARENT", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(evt.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase);

    /// <summary>Drops events Ical.Net cannot evaluate (unknown TZID, broken RRULE) so one bad event does not hide the rest.</summary>
    private static void RemoveUnreadableEvents(
        IcalCalendar calendar, CalDateTime rangeStart, CalDateTime rangeEnd, EvaluationOptions options, List<string> problems, Budget budget)
    {
        foreach (var evt in calendar.Events.ToList())
        {
            try
            {
                if (evt.DtStart is null)
                {
                    throw new FormatException("it has no DTSTART");
                }

                foreach (var _ in evt.GetOccurrences(rangeStart, options).TakeWhileBefore(rangeEnd).Take(MaxOccurrences))
                {
                    if (!budget.Take())
                    {
                        return;
                    }
                }
            }
            catch (Exception e)
            {
                problems.Add($"event '{evt.Summary ?? evt.Uid ?? "(no summary)"}' was skipped: {e.Message}");
                calendar.Events.Remove(evt);
            }
        }
    }

    private static BusyInterval? ToInterval(Period period, TimeZoneInfo floating)
    {
        var start = ToInstant(period.StartTime, floating);
        var endTime = period.EffectiveEndTime;
        var end = endTime is null ? start : ToInstant(endTime, floating);
        if (!period.StartTime.HasTime && end <= start)
        {
            end = LocalTimeResolver.ToInstant(floating, period.StartTime.Date.AddDays(1).ToDateTime(TimeOnly.MinValue));
        }

        return end > start ? new BusyInterval(start, end, BusyInterval.IcalSource, CountsTowardLimits: false) : null;
    }

    private static DateTimeOffset ToInstant(CalDateTime value, TimeZoneInfo floating)
    {
        if (!value.HasTime)
        {
            return LocalTimeResolver.ToInstant(floating, value.Date.ToDateTime(TimeOnly.MinValue));
        }

        return value.IsFloating
            ? LocalTimeResolver.ToInstant(floating, value.Value)
            : new DateTimeOffset(DateTime.SpecifyKind(value.AsUtc, DateTimeKind.Utc));
    }
}
