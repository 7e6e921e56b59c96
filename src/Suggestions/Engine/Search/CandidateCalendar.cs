using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>
/// The candidate's side of the search in UTC ticks: merged windows clipped to [earliest start, latest end], the
/// candidate's local days (for same-day / max-days rules) and the slot grid on the candidate's wall clock.
/// </summary>
internal sealed class CandidateCalendar
{
    private readonly long[] _windowStart;
    private readonly long[] _windowEnd;
    private readonly long[] _windowTimeBefore; // total window time of windows [0, i)
    private readonly long[] _dayStart; // local midnights; day i is [_dayStart[i], _dayStart[i + 1])
    private readonly long _granularity;

    public CandidateCalendar(ZoneTimeline timeline, IReadOnlyList<(long Start, long End)> windows, long horizonStart, long horizonEnd, long granularity)
    {
        Timeline = timeline;
        _granularity = granularity;
        _windowStart = [.. windows.Select(w => w.Start)];
        _windowEnd = [.. windows.Select(w => w.End)];
        _windowTimeBefore = new long[windows.Count + 1];
        for (var i = 0; i < windows.Count; i++)
        {
            _windowTimeBefore[i + 1] = _windowTimeBefore[i] + (windows[i].End - windows[i].Start);
        }

        HorizonStart = horizonStart;
        HorizonEnd = horizonEnd;

        var first = timeline.LocalDate(horizonStart);
        var last = timeline.LocalDate(Math.Max(horizonStart, horizonEnd - 1)).AddDays(1);
        var days = new List<DateOnly>();
        var starts = new List<long>();
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            days.Add(d);
            starts.Add(timeline.ToUtcTicks(d.ToDateTime(TimeOnly.MinValue).Ticks));
        }

        Dates = [.. days];
        _dayStart = [.. starts];
    }

    public ZoneTimeline Timeline { get; }

    public long HorizonStart { get; }

    public long HorizonEnd { get; }

    public DateOnly[] Dates { get; }

    public int WindowCount => _windowStart.Length;

    public (long Start, long End) Window(int i) => (_windowStart[i], _windowEnd[i]);

    public long DayStart(int day) => day < _dayStart.Length ? _dayStart[day] : long.MaxValue;

    /// <summary>The candidate-local day of an instant (clamped to the horizon's days).</summary>
    public int DayIndex(long utcTicks)
    {
        var i = Array.BinarySearch(_dayStart, utcTicks);
        return Math.Clamp(i >= 0 ? i : ~i - 1, 0, _dayStart.Length - 1);
    }

    /// <summary>The first slot at or after the instant: a multiple of the granularity after local midnight.</summary>
    public long AlignUp(long utcTicks)
    {
        var local = Timeline.ToLocalTicks(utcTicks);
        var remainder = local % TimeSpan.TicksPerDay % _granularity;
        return remainder == 0 ? utcTicks : utcTicks + (_granularity - remainder);
    }

    /// <summary>The earliest slot at or after <paramref name="from"/> where an interview of the length fits in one window.</summary>
    public long FitWindow(long from, long length)
    {
        var i = FirstWindowEndingAtOrAfter(from + length);
        for (; i < _windowStart.Length; i++)
        {
            var start = AlignUp(Math.Max(from, _windowStart[i]));
            if (start + length <= _windowEnd[i])
            {
                return start;
            }
        }

        return long.MaxValue;
    }

    /// <summary>How much window time lies between two instants.</summary>
    public long WindowTimeBetween(long from, long to)
    {
        if (to <= from)
        {
            return 0;
        }

        var first = FirstWindowEndingAtOrAfter(from + 1);
        var last = Array.BinarySearch(_windowStart, to);
        last = last >= 0 ? last : ~last; // windows [first, last) start before `to`
        if (first >= last)
        {
            return 0;
        }

        var total = _windowTimeBefore[last] - _windowTimeBefore[first];
        total -= Math.Max(0, from - _windowStart[first]);
        total -= Math.Max(0, _windowEnd[last - 1] - to);
        return total;
    }

    private int FirstWindowEndingAtOrAfter(long t)
    {
        var i = Array.BinarySearch(_windowEnd, t);
        return i >= 0 ? i : ~i;
    }
}
