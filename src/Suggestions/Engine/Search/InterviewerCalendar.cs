using GemScheduling.Suggestions.Interviewers;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>
/// An interviewer's side of the search: working blocks within the horizon (their hours on each local date, in their
/// zone), the free parts of those blocks (minus busy time), and the interviews already counting toward their limits.
/// </summary>
internal sealed class InterviewerCalendar
{
    private readonly long[] _freeEnd;
    private readonly Dictionary<int, int> _existingByDay;
    private readonly Dictionary<int, int> _existingByWeek;

    public InterviewerCalendar(
        int index,
        InterviewerProfile profile,
        ZoneTimeline timeline,
        IReadOnlyList<TimeBlock> work,
        IReadOnlyList<TimeBlock> free,
        Dictionary<int, int> existingByDay,
        Dictionary<int, int> existingByWeek,
        int maxPerDay,
        int maxPerWeek)
    {
        Index = index;
        Profile = profile;
        Timeline = timeline;
        Work = work;
        Free = free;
        _freeEnd = [.. free.Select(b => b.End)];
        _existingByDay = existingByDay;
        _existingByWeek = existingByWeek;
        MaxPerDay = maxPerDay;
        MaxPerWeek = maxPerWeek;
    }

    public int Index { get; }

    public InterviewerProfile Profile { get; }

    public long UserId => Profile.UserId;

    public string DisplayName => Profile.DisplayName;

    public ZoneTimeline Timeline { get; }

    public IReadOnlyList<TimeBlock> Work { get; }

    public IReadOnlyList<TimeBlock> Free { get; }

    public int MaxPerDay { get; }

    public int MaxPerWeek { get; }

    public int ExistingOnDay(int day) => _existingByDay.GetValueOrDefault(day);

    public int ExistingInWeek(int week) => _existingByWeek.GetValueOrDefault(week);

    public bool HasRoom(int day, int week, LoopLoad load, int extra = 1) =>
        ExistingOnDay(day) + load.OnDay(Index, day) + extra <= MaxPerDay
        && ExistingInWeek(week) + load.InWeek(Index, week) + extra <= MaxPerWeek;

    /// <summary>
    /// The earliest slot at or after <paramref name="from"/> where this interviewer is free for the whole interview,
    /// inside one working block, with room under both limits; <see cref="long.MaxValue"/> if none.
    /// </summary>
    public long NextFeasible(long from, long length, LoopLoad load, CandidateCalendar candidate)
    {
        var i = Array.BinarySearch(_freeEnd, from + length);
        for (i = i >= 0 ? i : ~i; i < Free.Count; i++)
        {
            var block = Free[i];
            if (block.End - block.Start < length || !HasRoom(block.Day, block.Week, load))
            {
                continue;
            }

            var start = candidate.AlignUp(Math.Max(from, block.Start));
            if (start + length <= block.End)
            {
                return start;
            }
        }

        return long.MaxValue;
    }

    /// <summary>The free block holding [start, start + length), if any.</summary>
    public TimeBlock? FreeBlockAt(long start, long length)
    {
        var i = Array.BinarySearch(_freeEnd, start + length);
        i = i >= 0 ? i : ~i;
        return i < Free.Count && Free[i].Start <= start && start + length <= Free[i].End ? Free[i] : null;
    }
}
