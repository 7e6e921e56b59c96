using GemScheduling.Suggestions.Engine;

namespace GemScheduling.Suggestions.Tests.Support;

/// <summary>
/// Exhaustive search for any valid loop on small inputs: every slot of the candidate's grid for every step (in every
/// order when the order is free) and every set of interviewers, pruned only by <see cref="ScheduleChecker"/> itself.
/// It shares no code with the engine, so "the engine found nothing" can be confirmed independently.
/// </summary>
internal sealed class BruteForceScheduler
{
    private readonly SuggestionRequest _request;
    private readonly List<DateTimeOffset> _grid;
    private readonly Dictionary<(int Step, int Slot), List<long>> _usable = [];
    private int _nodes;

    private BruteForceScheduler(SuggestionRequest request)
    {
        _request = request;
        _grid = Grid(request);
    }

    public const int MaxNodes = 2_000_000;

    /// <summary>A valid loop if one exists; null if none does. Throws if the space is too big to search.</summary>
    public static IReadOnlyList<ProposedInterview>? FindAny(SuggestionRequest request)
    {
        var search = new BruteForceScheduler(request);
        var current = new List<ProposedInterview>();
        return search.Search(current, new bool[request.Steps.Count]) ? current : null;
    }

    private bool Search(List<ProposedInterview> current, bool[] placed)
    {
        if (++_nodes > MaxNodes)
        {
            throw new InvalidOperationException("brute force space too large; shrink the generator");
        }

        var steps = _request.Steps;
        if (current.Count == steps.Count)
        {
            return ScheduleChecker.Violations(_request, current).Count == 0;
        }

        var options = _request.Options;
        var notBefore = current.Count == 0 ? options.EarliestStart : current[^1].End + options.BreakBetween;
        for (var s = 0; s < steps.Count; s++)
        {
            if (placed[s] || (options.KeepOrder && s != current.Count))
            {
                continue;
            }

            var step = steps[s];
            for (var g = 0; g < _grid.Count; g++)
            {
                if (_grid[g] < notBefore)
                {
                    continue;
                }

                var usable = Usable(s, g);
                foreach (var team in Combinations(usable, step.InterviewersNeeded))
                {
                    current.Add(new ProposedInterview(step.InterviewStepId, _grid[g], _grid[g] + step.Duration, team));
                    placed[s] = true;
                    if (ScheduleChecker.Violations(_request, current, complete: false).Count == 0 && Search(current, placed))
                    {
                        return true;
                    }

                    placed[s] = false;
                    current.RemoveAt(current.Count - 1);
                }
            }
        }

        return false;
    }

    /// <summary>Interviewers who could take the step at the slot on their own (hours, busy time, window).</summary>
    private List<long> Usable(int s, int g)
    {
        if (!_usable.TryGetValue((s, g), out var usable))
        {
            var step = _request.Steps[s];
            usable = [.. step.InterviewerPool.Distinct().Order().Where(id =>
                !ScheduleChecker.SingleInterviewViolations(_request, step with { InterviewersNeeded = 1 },
                    new ProposedInterview(step.InterviewStepId, _grid[g], _grid[g] + step.Duration, [id])).Any())];
            _usable[(s, g)] = usable;
        }

        return usable;
    }

    private static IEnumerable<long[]> Combinations(List<long> items, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = 0; i <= items.Count - k; i++)
        {
            foreach (var rest in Combinations(items[(i + 1)..], k - 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }

    /// <summary>Every slot of the candidate's wall-clock grid from the earliest start to the last window's end.</summary>
    private static List<DateTimeOffset> Grid(SuggestionRequest request)
    {
        var zone = TestZones.Find(request.CandidateTimeZone);
        var granularity = request.Options.SlotGranularity;
        var last = request.CandidateWindows.Max(w => w.End);
        var grid = new List<DateTimeOffset>();
        for (var date = TestZones.Local(request.CandidateTimeZone, request.Options.EarliestStart).Date; date <= TestZones.Local(request.CandidateTimeZone, last).Date; date = date.AddDays(1))
        {
            for (var t = TimeSpan.Zero; t < TimeSpan.FromDays(1); t += granularity)
            {
                var local = date + t;
                if (!zone.IsInvalidTime(local) && !zone.IsAmbiguousTime(local))
                {
                    grid.Add(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero));
                }
            }
        }

        return grid;
    }
}
