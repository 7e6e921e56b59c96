namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>
/// Depth-first search for loops. For every slot in the candidate's windows it tries to start the loop exactly there,
/// then places the remaining interviews in time order, each at its earliest fit (window, interviewers' free time and
/// limits, breaks, day budget), and keeps the first complete loop per start slot. It only branches where the earliest
/// fit can be wrong:
/// <list type="bullet">
/// <item>which step comes next, when the order is free (interchangeable steps are tried once);</item>
/// <item>which interviewers to take, in preference order (lightest week first), stopping at the first choice whose
/// interviewers cannot starve a later step of its limits (such a choice dominates the others);</item>
/// <item>a later start for the same step, only if every choice at the earliest fit could starve a later step, or the
/// earliest fit opened a new day (then the next days are tried too, since they may save a day).</item>
/// </list>
/// Work is counted deterministically and capped by the budget (and a share of it per start slot).
/// </summary>
internal sealed class LoopSearch
{
    private readonly PreparedRequest _request;
    private readonly CandidateCalendar _candidate;
    private readonly IReadOnlyList<PreparedStep> _steps;
    private readonly IReadOnlyList<InterviewerCalendar> _interviewers;
    private readonly LoopLoad _load = new();
    private readonly int[] _dayUse;
    private readonly bool[] _placed;
    private readonly int[] _laterSteps; // per interviewer: unplaced steps whose pool holds them
    private readonly Placement[] _stack;
    private readonly List<Placement[]> _loops = [];
    private readonly long[] _scratch;
    private readonly int _budget;
    private readonly int _slotBudget;
    private int _depth;
    private int _daysUsed;
    private int _work;
    private int _slotWorkLimit;
    private bool _exhausted;
    private bool _slotCutShort;

    public LoopSearch(PreparedRequest request)
    {
        _request = request;
        _candidate = request.Candidate ?? throw new ArgumentException("request cannot be searched", nameof(request));
        _steps = request.Steps;
        _interviewers = request.Interviewers;
        _dayUse = new int[_candidate.Dates.Length];
        _placed = new bool[_steps.Count];
        _laterSteps = new int[_interviewers.Count];
        foreach (var step in _steps)
        {
            foreach (var x in step.Pool)
            {
                _laterSteps[x]++;
            }
        }

        _stack = new Placement[_steps.Count];
        _scratch = new long[Math.Max(1, _steps.Count == 0 ? 1 : _steps.Max(s => s.Pool.Length))];
        _budget = Math.Max(1, request.Options.SearchBudget);
        _slotBudget = Math.Max(2_000, _budget / 50);
    }

    private int MaxDays => Math.Max(1, _request.Options.MaxDays);

    public SearchOutcome Run()
    {
        var slots = 0;
        if (_steps.Any(s => s.Pool.Length < s.Needed))
        {
            return new SearchOutcome(_loops, _work, slots, false);
        }

        var firstSteps = NextStepCandidates(firstOnly: true);
        var nextFit = new long[_steps.Count];
        var shortest = _steps.Min(s => s.Length);
        for (var w = 0; w < _candidate.WindowCount && !_exhausted; w++)
        {
            var (windowStart, windowEnd) = _candidate.Window(w);
            for (var slot = _candidate.AlignUp(windowStart); slot + shortest <= windowEnd && !_exhausted; slot = _candidate.AlignUp(slot + 1))
            {
                slots++;
                _slotWorkLimit = _work + _slotBudget;
                foreach (var step in firstSteps)
                {
                    if (nextFit[step.Index] > slot)
                    {
                        continue;
                    }

                    var fit = EarliestFit(step, slot);
                    if (Stopped)
                    {
                        break;
                    }

                    nextFit[step.Index] = fit?.Start ?? long.MaxValue;
                    if (fit is { } f && f.Start == slot && TryInterviewers(step, f, out _))
                    {
                        break;
                    }
                }

                _slotCutShort |= !_exhausted && _work > _slotWorkLimit;
            }
        }

        return new SearchOutcome(_loops, _work, slots, _exhausted || _slotCutShort);
    }

    private bool Explore(long cursor)
    {
        if (_depth == _steps.Count)
        {
            _loops.Add([.. _stack]);
            return true;
        }

        if (!EnoughWindowTimeLeft(cursor))
        {
            return false;
        }

        foreach (var step in NextStepCandidates(firstOnly: false))
        {
            if (PlaceFrom(step, cursor))
            {
                return true;
            }

            if (Stopped)
            {
                return false;
            }
        }

        return false;
    }

    private bool Stopped => _exhausted || _work > _slotWorkLimit;

    /// <summary>
    /// Once no new day may be opened, the rest of the loop must fit in the window time left on the current day
    /// (breaks may fall outside windows, so only interview time is counted).
    /// </summary>
    private bool EnoughWindowTimeLeft(long cursor)
    {
        if (_daysUsed < MaxDays)
        {
            return true;
        }

        long remaining = 0;
        foreach (var step in _steps)
        {
            remaining += _placed[step.Index] ? 0 : step.Length;
        }

        var dayEnd = _candidate.DayStart(_candidate.DayIndex(_stack[_depth - 1].End - 1) + 1);
        return _candidate.WindowTimeBetween(cursor, dayEnd) >= remaining;
    }

    private List<PreparedStep> NextStepCandidates(bool firstOnly)
    {
        if (_request.Options.KeepOrder)
        {
            return firstOnly ? [_steps[0]] : [_steps[_depth]];
        }

        var candidates = new List<PreparedStep>();
        foreach (var step in _steps)
        {
            if (!_placed[step.Index] && !candidates.Any(c => c.SameShapeAs(step)))
            {
                candidates.Add(step);
            }
        }

        return candidates;
    }

    /// <summary>Places a later step at its earliest fit from the cursor, trying later starts only where that can help.</summary>
    private bool PlaceFrom(PreparedStep step, long cursor)
    {
        var from = cursor;
        while (!Stopped)
        {
            if (EarliestFit(step, from) is not { } fit)
            {
                return false;
            }

            if (TryInterviewers(step, fit, out var dominant))
            {
                return true;
            }

            if (dominant)
            {
                var day = _candidate.DayIndex(fit.Start);
                if (_dayUse[day] > 0)
                {
                    return false;
                }

                from = _candidate.DayStart(day + 1);
                if (from == long.MaxValue)
                {
                    return false;
                }
            }
            else
            {
                from = fit.Start + 1;
            }
        }

        return false;
    }

    /// <summary>
    /// The earliest slot at or after <paramref name="from"/> where the step fits in a candidate window, within the day
    /// budget, with enough interviewers free and under their limits; plus those interviewers.
    /// </summary>
    private Fit? EarliestFit(PreparedStep step, long from)
    {
        var length = step.Length;
        var t = from;
        while (true)
        {
            if (++_work > _budget)
            {
                _exhausted = true;
            }

            if (Stopped)
            {
                return null;
            }

            t = _candidate.FitWindow(t, length);
            if (t == long.MaxValue)
            {
                return null;
            }

            var firstDay = _candidate.DayIndex(t);
            var lastDay = _candidate.DayIndex(t + length - 1);
            var newDays = 0;
            for (var d = firstDay; d <= lastDay; d++)
            {
                newDays += _dayUse[d] == 0 ? 1 : 0;
            }

            if (newDays > MaxDays - _daysUsed)
            {
                // Every later slot is on this day or a later one, so with no day left nothing later fits either.
                if (_daysUsed >= MaxDays || firstDay + 1 >= _candidate.Dates.Length)
                {
                    return null;
                }

                t = _candidate.DayStart(firstDay + 1);
                continue;
            }

            var kth = KthEarliestInterviewer(step, t);
            if (kth == long.MaxValue)
            {
                return null;
            }

            if (kth > t)
            {
                t = kth;
                continue;
            }

            return new Fit(t, AvailableAt(step, t));
        }
    }

    private long KthEarliestInterviewer(PreparedStep step, long t)
    {
        var pool = step.Pool;
        for (var i = 0; i < pool.Length; i++)
        {
            _scratch[i] = _interviewers[pool[i]].NextFeasible(t, step.Length, _load, _candidate);
        }

        var span = _scratch.AsSpan(0, pool.Length);
        if (step.Needed == 1)
        {
            var min = long.MaxValue;
            foreach (var v in span)
            {
                min = Math.Min(min, v);
            }

            return min;
        }

        span.Sort();
        return span[step.Needed - 1];
    }

    /// <summary>Interviewers free at t, lightest week first, then lightest day, then lowest user id.</summary>
    private Candidate[] AvailableAt(PreparedStep step, long t)
    {
        var available = new List<Candidate>();
        foreach (var x in step.Pool)
        {
            var calendar = _interviewers[x];
            if (calendar.NextFeasible(t, step.Length, _load, _candidate) != t || calendar.FreeBlockAt(t, step.Length) is not { } block)
            {
                continue;
            }

            available.Add(new Candidate(
                x,
                block.Day,
                block.Week,
                calendar.ExistingInWeek(block.Week) + _load.InWeek(x, block.Week),
                calendar.ExistingOnDay(block.Day) + _load.OnDay(x, block.Day),
                calendar.UserId));
        }

        available.Sort((a, b) =>
            a.WeekLoad != b.WeekLoad ? a.WeekLoad.CompareTo(b.WeekLoad)
            : a.DayLoad != b.DayLoad ? a.DayLoad.CompareTo(b.DayLoad)
            : a.UserId.CompareTo(b.UserId));
        return [.. available];
    }

    /// <summary>
    /// Tries interviewer choices for the step at the fit in preference order. <paramref name="dominant"/> tells whether
    /// a tried choice could not starve any later step (then no other choice or later start on this day can do better).
    /// </summary>
    private bool TryInterviewers(PreparedStep step, Fit fit, out bool dominant)
    {
        dominant = false;
        _placed[step.Index] = true;
        foreach (var x in step.Pool)
        {
            _laterSteps[x]--;
        }

        var found = false;
        var needed = step.Needed;
        var pick = Enumerable.Range(0, needed).ToArray();
        var end = fit.Start + step.Length;
        while (!found && !Stopped)
        {
            _work++;
            var chosen = pick.Select(i => fit.Available[i]).ToArray();
            var harmless = chosen.All(c => _laterSteps[c.Interviewer] == 0
                || _interviewers[c.Interviewer].HasRoom(c.Day, c.Week, _load, extra: 1 + _laterSteps[c.Interviewer]));

            Push(new Placement(step.Index, fit.Start, end, [.. chosen.Select(c => c.Interviewer)]), chosen);
            found = Explore(end + _request.BreakTicks);
            Pop(chosen.Length);

            if (harmless)
            {
                dominant = true;
                break;
            }

            if (!NextCombination(pick, fit.Available.Length))
            {
                break;
            }
        }

        foreach (var x in step.Pool)
        {
            _laterSteps[x]++;
        }

        _placed[step.Index] = false;
        return found;
    }

    private void Push(Placement placement, Candidate[] chosen)
    {
        _stack[_depth++] = placement;
        foreach (var c in chosen)
        {
            _load.Add(c.Interviewer, c.Day, c.Week);
        }

        for (var d = _candidate.DayIndex(placement.Start); d <= _candidate.DayIndex(placement.End - 1); d++)
        {
            if (_dayUse[d]++ == 0)
            {
                _daysUsed++;
            }
        }
    }

    private void Pop(int interviewers)
    {
        var placement = _stack[--_depth];
        _load.RemoveLast(interviewers);
        for (var d = _candidate.DayIndex(placement.Start); d <= _candidate.DayIndex(placement.End - 1); d++)
        {
            if (--_dayUse[d] == 0)
            {
                _daysUsed--;
            }
        }
    }

    /// <summary>Advances a k-combination of indices below n in lexicographic order.</summary>
    private static bool NextCombination(int[] pick, int n)
    {
        var k = pick.Length;
        for (var i = k - 1; i >= 0; i--)
        {
            if (pick[i] < n - k + i)
            {
                pick[i]++;
                for (var j = i + 1; j < k; j++)
                {
                    pick[j] = pick[j - 1] + 1;
                }

                return true;
            }
        }

        return false;
    }

    private readonly record struct Fit(long Start, Candidate[] Available);

    private readonly record struct Candidate(int Interviewer, int Day, int Week, int WeekLoad, int DayLoad, long UserId);
}
