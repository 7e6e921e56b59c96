using System.Globalization;
using GemScheduling.Orgs;

namespace GemScheduling.Api.Pages.CandidateAvailability;

public enum DayState { Open, TooSoon, TooFar }

public sealed record DayView(DateOnly Date, string Heading, DayState State, IReadOnlyList<string> Times, string? From, string? To, string? FromError, string? ToError);

public sealed record ChosenWindow(int Index, string Day, string Times, string Encoded);

/// <summary>
/// The candidate's unsent choice of times, in their zone and language: adding a day's From–To, removing one, moving
/// between weeks, all checked against the org's notice and horizon. Pure, so the page's rules are tested without a browser.
/// </summary>
public sealed class AvailabilityDraft
{
    private static readonly TimeSpan ShortestWindow = TimeSpan.FromMinutes(30);
    private readonly TimeZoneInfo _zone;
    private readonly CultureInfo _culture;
    private readonly Dictionary<DateOnly, (string? From, string? To)> _typed = [];

    public AvailabilityDraft(TimeZoneInfo zone, AvailabilityLinkPolicy policy, DateTimeOffset now, CultureInfo culture, IEnumerable<Window> windows, DateOnly? week)
    {
        _zone = zone;
        _culture = culture;
        (Earliest, Latest) = Availability.CandidateLinks.Bounds(policy, now);
        FirstDay = LocalDay(Earliest);
        LastDay = LocalDay(Latest.AddTicks(-1));
        Windows = AvailabilityForm.Merge(windows);
        WeekStart = ClampWeek(week ?? FirstDay);
    }

    public DateTimeOffset Earliest { get; }
    public DateTimeOffset Latest { get; }
    public DateOnly FirstDay { get; }
    public DateOnly LastDay { get; }
    public List<Window> Windows { get; private set; }
    public DateOnly WeekStart { get; private set; }
    public DateOnly? PreviousWeek => WeekStart > StartOfWeek(FirstDay) ? WeekStart.AddDays(-7) : null;
    public DateOnly? NextWeek => WeekStart.AddDays(7) <= LastDay ? WeekStart.AddDays(7) : null;

    /// <summary>Field id → what is wrong with it, in page order.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>What changed, for screen readers (the page's live region).</summary>
    public string? Announcement { get; private set; }

    public string TimeZoneId => _zone.Id;

    public void ShowWeek(DateOnly start) => WeekStart = ClampWeek(start);

    public void Add(DateOnly day, string? fromText, string? toText)
    {
        _typed[day] = (fromText, toText);
        WeekStart = ClampWeek(day);
        if (Problem(day, fromText, toText) is { } problem)
        {
            Errors[problem.Field] = problem.Message;
            return;
        }

        AvailabilityForm.TryTime(fromText, out var fromTime);
        AvailabilityForm.TryTime(toText, out var toTime);
        TryInstant(day, fromTime, false, out var start);
        TryInstant(day, toTime, toTime == TimeOnly.MinValue, out var end);
        Windows = AvailabilityForm.Merge([.. Windows, new Window(start, end)]);
        _typed.Remove(day);
        Announcement = $"Added {DayText(day)}, {TimeText(start)} to {TimeText(end)}.";
    }

    /// <summary>The first thing wrong with a day's From–To, naming its field; null when it can be added.</summary>
    private (string Field, string Message)? Problem(DateOnly day, string? fromText, string? toText)
    {
        var from = AvailabilityForm.FromField(day);
        var to = AvailabilityForm.ToField(day);
        if (!AvailabilityForm.TryTime(fromText, out var fromTime))
            return (from, $"Choose the time you are free from on {DayText(day)}.");
        if (!AvailabilityForm.TryTime(toText, out var toTime))
            return (to, $"Choose the time you are free until on {DayText(day)}.");
        // "Until 00:00" means until midnight at the end of the day.
        var untilMidnight = toTime == TimeOnly.MinValue;
        if (!untilMidnight && toTime <= fromTime)
            return (to, "The end time must be after the start time.");
        if (!TryInstant(day, fromTime, false, out var start))
            return (from, $"{fromText} does not exist on {DayText(day)} in {_zone.Id}: the clocks change then.");
        if (!TryInstant(day, toTime, untilMidnight, out var end))
            return (to, $"{toText} does not exist on {DayText(day)} in {_zone.Id}: the clocks change then.");
        if (end - start < ShortestWindow)
            return (to, "Offer at least 30 minutes.");
        if (start < Earliest)
            return (from, $"The earliest time you can offer is {DayText(LocalDay(Earliest))} {TimeText(Earliest)}.");
        if (end > Latest)
            return (to, $"The latest time you can offer is {DayText(LocalDay(Latest))} {TimeText(Latest)}.");
        return Windows.Count >= AvailabilityForm.MaxWindows ? (from, $"You can offer at most {AvailabilityForm.MaxWindows} times.") : null;
    }

    public void Remove(int index)
    {
        if (index < 0 || index >= Windows.Count)
            return;
        var removed = Windows[index];
        Windows = [.. Windows.Where((_, i) => i != index)];
        Announcement = $"Removed {DayText(LocalDay(removed.Start))}, {TimeText(removed.Start)} to {TimeText(removed.End)}.";
    }

    /// <summary>Whether the draft can be sent as it is; otherwise <see cref="Errors"/> says why.</summary>
    public bool ReadyToSend()
    {
        if (Windows.Count == 0)
            Errors["week"] = "Add at least one time you are free before sending.";
        foreach (var (window, i) in Windows.Select((w, i) => (w, i)))
        {
            if (window.Start < Earliest)
                Errors[$"chosen-{i}"] = $"{DayText(LocalDay(window.Start))} {TimeText(window.Start)} is now too soon: remove it or choose a later time.";
            else if (window.End > Latest)
                Errors[$"chosen-{i}"] = $"{DayText(LocalDay(window.Start))} {TimeText(window.Start)} is too far ahead: remove it.";
        }

        return Errors.Count == 0;
    }

    public IReadOnlyList<DayView> Days() => [.. Enumerable.Range(0, 7).Select(i => WeekStart.AddDays(i)).Select(day =>
    {
        var state = day < FirstDay ? DayState.TooSoon : day > LastDay ? DayState.TooFar : DayState.Open;
        var times = Windows.Where(w => LocalDay(w.Start) == day).Select(Range).ToList();
        var typed = _typed.GetValueOrDefault(day);
        return new DayView(day, DayText(day), state, times, typed.From, typed.To,
            Errors.GetValueOrDefault(AvailabilityForm.FromField(day)), Errors.GetValueOrDefault(AvailabilityForm.ToField(day)));
    })];

    public IReadOnlyList<ChosenWindow> Chosen() =>
        [.. Windows.Select((w, i) => new ChosenWindow(i, DayText(LocalDay(w.Start)), Range(w), AvailabilityForm.Encode(w)))];

    /// <summary>Every half hour of a day, valued "HH:mm" and shown in the candidate's language; an end may be midnight.</summary>
    public IReadOnlyList<(string Value, string Text)> TimeChoices(bool end) =>
        [.. Enumerable.Range(end ? 1 : 0, 48).Select(i => new TimeOnly(i % 48 / 2, i % 2 * 30))
            .Select(t => (t.ToString("HH:mm", CultureInfo.InvariantCulture), t == TimeOnly.MinValue ? $"{t.ToString("t", _culture)} (midnight)" : t.ToString("t", _culture)))];

    public string WeekHeading() => $"{DayText(WeekStart)} – {DayText(WeekStart.AddDays(6))}";

    public string DayText(DateOnly day) =>
        day.ToString("dddd", _culture) + ", " + day.ToString(_culture.DateTimeFormat.MonthDayPattern, _culture);

    public string TimeText(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone).ToString("t", _culture);

    private string Range(Window w) => LocalDay(w.End.AddTicks(-1)) == LocalDay(w.Start)
        ? $"{TimeText(w.Start)} – {TimeText(w.End)}"
        : $"{TimeText(w.Start)} – {DayText(LocalDay(w.End))} {TimeText(w.End)}";

    private DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    private DateOnly StartOfWeek(DateOnly day) => day.AddDays(-((7 + (day.DayOfWeek - _culture.DateTimeFormat.FirstDayOfWeek)) % 7));

    private DateOnly ClampWeek(DateOnly day)
    {
        var week = StartOfWeek(day);
        var first = StartOfWeek(FirstDay);
        var last = StartOfWeek(LastDay);
        return week < first ? first : week > last ? last : week;
    }

    /// <summary>A local time on a day as an instant; false in a spring-forward gap. In a fall-back hour, the first occurrence.</summary>
    private bool TryInstant(DateOnly day, TimeOnly time, bool nextDay, out DateTimeOffset instant)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified).AddDays(nextDay ? 1 : 0);
        instant = default;
        if (_zone.IsInvalidTime(local))
            return false;
        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        instant = new DateTimeOffset(local, offset);
        return true;
    }
}
