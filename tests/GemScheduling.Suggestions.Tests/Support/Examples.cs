using System.Globalization;
using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Interviewers;

namespace GemScheduling.Suggestions.Tests.Support;

/// <summary>Terse builders for hand-written examples. Dates are "yyyy-MM-dd", times "HH:mm", local to the zone given.</summary>
internal static class Examples
{
    public const string NewYork = "America/New_York";

    public static DateTimeOffset At(string zone, string date, string time) =>
        TestZones.At(zone, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            (int)TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture).ToTimeSpan().TotalMinutes);

    public static AvailabilityWindow Window(string date, string from, string to, string zone = NewYork) =>
        new(At(zone, date, from), At(zone, date, to), zone);

    public static InterviewerProfile Interviewer(
        long id, string name, string zone = NewYork, int? perDay = null, int? perWeek = null,
        IReadOnlyList<BusyInterval>? busy = null, IReadOnlyList<WorkingHours>? hours = null) =>
        new(id, zone, hours ?? [], perDay, perWeek, busy ?? [], name);

    public static BusyInterval Busy(string date, string from, string to, bool countsTowardLimits = false, string zone = NewYork) =>
        new(At(zone, date, from), At(zone, date, to), countsTowardLimits ? BusyInterval.GemSchedulingSource("s1") : BusyInterval.IcalSource, countsTowardLimits);

    public static StepRequest Step(long id, string name, int minutes, params long[] pool) =>
        new(id, name, TimeSpan.FromMinutes(minutes), pool);

    public static SuggestionRequest Request(
        IReadOnlyList<AvailabilityWindow> windows,
        IReadOnlyList<StepRequest> steps,
        IReadOnlyList<InterviewerProfile> interviewers,
        Func<SuggestionOptions, SuggestionOptions>? configure = null,
        string earliest = "2026-11-30")
    {
        var options = new SuggestionOptions { EarliestStart = At(NewYork, earliest, "00:00") };
        return new SuggestionRequest(windows, NewYork, steps, interviewers.ToDictionary(i => i.UserId), configure?.Invoke(options) ?? options);
    }

    public static string Local(DateTimeOffset instant, string zone = NewYork) =>
        TestZones.Local(zone, instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A canonical text of a result, for comparing runs.</summary>
    public static string Canonical(SuggestionResult result) =>
        string.Join("\n", result.Options.Select(o =>
            $"{o.Score:F2} {string.Join(" ", o.Interviews.Select(i => $"{i.InterviewStepId}@{i.Start:O}-{i.End:O}[{string.Join(",", i.InterviewerIds)}]"))} {string.Join("; ", o.Reasons)}"))
        + "\n" + string.Join("\n", result.Blockers) + "\n" + result.NearestRelaxation?.Description + "\n" + result.Stats;
}
