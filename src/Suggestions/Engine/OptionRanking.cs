using GemScheduling.Suggestions.Engine.Search;

namespace GemScheduling.Suggestions.Engine;

/// <summary>
/// Scores every loop found and keeps the best <see cref="SuggestionOptions.MaxOptions"/>, best first. So that a
/// recruiter sees a spread of days, a first pass takes at most <see cref="PerDayInFirstPass"/> options per starting day;
/// remaining places are then filled by score. Ties break on earlier start, then on the interviews themselves.
/// </summary>
internal static class OptionRanking
{
    public const int PerDayInFirstPass = 2;

    public static IReadOnlyList<ScheduleOption> Rank(PreparedRequest request, IReadOnlyList<Placement[]> loops)
    {
        var max = Math.Max(1, request.Options.MaxOptions);
        var timeline = request.Candidate!.Timeline;
        var scored = loops.Select(l => OptionScorer.Score(request, l)).ToList();
        scored.Sort(Compare);

        var chosen = new List<ScheduleOption>();
        var perDay = new Dictionary<DateOnly, int>();
        foreach (var option in scored)
        {
            var day = timeline.LocalDate(option.Interviews[0].Start.UtcTicks);
            if (chosen.Count < max && perDay.GetValueOrDefault(day) < PerDayInFirstPass)
            {
                chosen.Add(option);
                perDay[day] = perDay.GetValueOrDefault(day) + 1;
            }
        }

        foreach (var option in scored)
        {
            if (chosen.Count >= max)
            {
                break;
            }

            if (!chosen.Any(o => ReferenceEquals(o, option)))
            {
                chosen.Add(option);
            }
        }

        chosen.Sort(Compare);
        return chosen;
    }

    private static int Compare(ScheduleOption a, ScheduleOption b)
    {
        var c = b.Score.CompareTo(a.Score);
        if (c != 0)
        {
            return c;
        }

        for (var i = 0; i < Math.Min(a.Interviews.Count, b.Interviews.Count); i++)
        {
            var (x, y) = (a.Interviews[i], b.Interviews[i]);
            c = x.Start.CompareTo(y.Start);
            c = c != 0 ? c : x.InterviewStepId.CompareTo(y.InterviewStepId);
            for (var j = 0; c == 0 && j < Math.Min(x.InterviewerIds.Count, y.InterviewerIds.Count); j++)
            {
                c = x.InterviewerIds[j].CompareTo(y.InterviewerIds[j]);
            }

            if (c != 0)
            {
                return c;
            }
        }

        return a.Interviews.Count.CompareTo(b.Interviews.Count);
    }
}
