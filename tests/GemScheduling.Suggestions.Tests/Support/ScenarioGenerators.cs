using CsCheck;
using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Interviewers;

namespace GemScheduling.Suggestions.Tests.Support;

/// <summary>
/// CsCheck generators for whole suggestion requests: zones from <see cref="TestZones.All"/>, days that cross 2026's
/// DST transitions, random candidate windows, working hours (or org defaults), busy time (some counting toward
/// limits), limits, pools, headcounts, durations, breaks, order, day budget and grid. Windows and working hours are
/// daytime (06:00–22:00 local) because that is where people schedule and where no zone changes its clocks.
/// </summary>
internal static class ScenarioGenerators
{
    public sealed record Size(int MaxDays, int MaxWindows, int MaxSteps, int MaxInterviewers, int MaxBusy, int[] GridMinutes, int[] Durations);

    public static readonly Size Regular = new(6, 8, 5, 8, 8, [15, 30], [30, 45, 60, 90]);

    /// <summary>Small enough for <see cref="BruteForceScheduler"/> to search exhaustively.</summary>
    public static readonly Size Small = new(2, 3, 3, 3, 4, [30, 60], [30, 60, 90]);

    private static readonly Gen<TimeSpan> Breaks = Gen.OneOf(TimeSpan.Zero, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60));

    public static Gen<Scenario> Scenarios(Size size) =>
        from candidateZone in Gen.OneOf(TestZones.All)
        from baseDate in Gen.OneOf(TestZones.NearDstTransitions)
        from shift in Gen.Int[0, 3]
        from days in Gen.Int[1, size.MaxDays]
        from windows in WindowSpecs(days).List[1, size.MaxWindows]
        from interviewerCount in Gen.Int[1, size.MaxInterviewers]
        from interviewers in InterviewerSpecs(days, size.MaxBusy).Array[interviewerCount]
        from steps in StepSpecs(interviewerCount, size.Durations).Array[1, size.MaxSteps]
        from options in OptionSpecs(size)
        select Build(candidateZone, baseDate.AddDays(shift), windows, interviewers, steps, options);

    private sealed record WindowSpec(int Day, int StartQuarter, int LengthQuarters);

    private sealed record HoursSpec(int Day, int StartHour, int LengthHours);

    private sealed record BusySpec(int StartQuarter, int LengthQuarters, bool Counts);

    private sealed record InterviewerSpec(bool SameZone, string Zone, HoursSpec[]? Hours, int? PerDay, int? PerWeek, BusySpec[] Busy);

    private sealed record StepSpec(int Duration, int PoolMask, int Needed);

    private sealed record OptionSpec(bool KeepOrder, TimeSpan Break, int MaxDays, int Grid, int EarliestHours, int? LatestDays, int MaxOptions);

    private static Gen<WindowSpec> WindowSpecs(int days) =>
        from day in Gen.Int[0, days - 1]
        from start in Gen.Int[0, 14 * 4] // 06:00 .. 20:00
        from length in Gen.Int[2, 10 * 4]
        select new WindowSpec(day, start, length);

    private static Gen<InterviewerSpec> InterviewerSpecs(int days, int maxBusy) =>
        from sameZone in Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false)))
        from zone in Gen.OneOf(TestZones.All)
        from useDefaults in Gen.Int[0, 2]
        from hours in HoursSpecs
        from perDay in Gen.Frequency((1, Gen.Const((int?)null)), (3, Gen.Int[1, 3].Select(i => (int?)i)))
        from perWeek in Gen.Frequency((1, Gen.Const((int?)null)), (2, Gen.Int[1, 6].Select(i => (int?)i)))
        from busy in BusySpecs(days).Array[0, maxBusy]
        select new InterviewerSpec(sameZone, zone, useDefaults == 0 ? null : hours, perDay, perWeek, busy);

    /// <summary>Mostly one range a day, sometimes a second one or none.</summary>
    private static readonly Gen<HoursSpec[]> HoursSpecs =
        from ranges in Gen.Int[0, 13].Array[7]
        from starts in Gen.Int[6, 14].Array[14]
        from lengths in Gen.Int[2, 10].Array[14]
        select Enumerable.Range(0, 14)
            .Where(i => ranges[i % 7] >= 3 && (i < 7 || ranges[i % 7] >= 11))
            .Select(i => new HoursSpec(i % 7, starts[i], lengths[i]))
            .ToArray();

    private static Gen<BusySpec> BusySpecs(int days) =>
        from start in Gen.Int[-2 * 96, (days + 2) * 96]
        from length in Gen.Int[1, 16]
        from counts in Gen.Bool
        select new BusySpec(start, length, counts);

    private static Gen<StepSpec> StepSpecs(int interviewers, int[] durations) =>
        from duration in Gen.OneOf(durations)
        from mask in Gen.Int[1, (1 << interviewers) - 1]
        from needed in Gen.Frequency((6, Gen.Const(1)), (1, Gen.Const(2)))
        select new StepSpec(duration, mask, needed);

    private static Gen<OptionSpec> OptionSpecs(Size size) =>
        from keepOrder in Gen.Bool
        from breakBetween in Breaks
        from maxDays in Gen.Int[1, 3]
        from grid in Gen.OneOf(size.GridMinutes)
        from earliest in Gen.Frequency((3, Gen.Int[0, 10]), (1, Gen.Int[0, 36]))
        from latest in Gen.Frequency((3, Gen.Const((int?)null)), (1, Gen.Int[1, 4].Select(i => (int?)i)))
        from maxOptions in Gen.Int[1, 10]
        select new OptionSpec(keepOrder, breakBetween, maxDays, grid, earliest, latest, maxOptions);

    private static Scenario Build(
        string candidateZone, DateOnly firstDay, List<WindowSpec> windowSpecs, InterviewerSpec[] interviewerSpecs, StepSpec[] stepSpecs, OptionSpec o)
    {
        var windows = windowSpecs
            .Select(w =>
            {
                var date = firstDay.AddDays(w.Day);
                var start = (6 * 60) + (w.StartQuarter * 15);
                var end = Math.Min(22 * 60, start + (w.LengthQuarters * 15));
                return new AvailabilityWindow(TestZones.At(candidateZone, date, start), TestZones.At(candidateZone, date, end), candidateZone);
            })
            .ToList();

        var origin = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var interviewers = new Dictionary<long, InterviewerProfile>();
        for (var i = 0; i < interviewerSpecs.Length; i++)
        {
            var spec = interviewerSpecs[i];
            var hours = spec.Hours?
                .Select(h => new WorkingHours((DayOfWeek)h.Day, new TimeOnly(h.StartHour, 0), new TimeOnly(Math.Min(22, h.StartHour + h.LengthHours), 0)))
                .ToList() ?? [];
            var busy = spec.Busy
                .Select(b => new BusyInterval(
                    origin.AddMinutes(b.StartQuarter * 15),
                    origin.AddMinutes((b.StartQuarter + b.LengthQuarters) * 15),
                    b.Counts ? BusyInterval.GemSchedulingSource($"s{i}") : BusyInterval.IcalSource,
                    b.Counts))
                .ToList();
            interviewers[i + 1] = new InterviewerProfile(
                i + 1, spec.SameZone ? candidateZone : spec.Zone, hours, spec.PerDay, spec.PerWeek, busy, $"Interviewer{i + 1}");
        }

        var steps = stepSpecs
            .Select((s, i) => new StepRequest(
                100 + i,
                $"Step{i}",
                TimeSpan.FromMinutes(s.Duration),
                [.. Enumerable.Range(0, interviewerSpecs.Length).Where(b => (s.PoolMask & (1 << b)) != 0).Select(b => (long)(b + 1))],
                Math.Min(s.Needed, Math.Max(1, int.PopCount(s.PoolMask)))))
            .ToList();

        var earliest = TestZones.At(candidateZone, firstDay, 0).AddHours(o.EarliestHours);
        var options = new SuggestionOptions
        {
            EarliestStart = earliest,
            LatestEnd = o.LatestDays is { } d ? earliest.AddDays(d) : null,
            KeepOrder = o.KeepOrder,
            BreakBetween = o.Break,
            MaxDays = o.MaxDays,
            SlotGranularity = TimeSpan.FromMinutes(o.Grid),
            MaxOptions = o.MaxOptions,
            SuggestRelaxation = false,
        };
        return new Scenario(new SuggestionRequest(windows, candidateZone, steps, interviewers, options));
    }
}
