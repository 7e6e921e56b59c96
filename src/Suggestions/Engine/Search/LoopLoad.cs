namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>The interviews the option under construction already gives each interviewer, by their local day and week.</summary>
internal sealed class LoopLoad
{
    private readonly List<(int Interviewer, int Day, int Week)> _entries = [];

    public void Add(int interviewer, int day, int week) => _entries.Add((interviewer, day, week));

    public void RemoveLast(int count) => _entries.RemoveRange(_entries.Count - count, count);

    public int OnDay(int interviewer, int day)
    {
        var n = 0;
        foreach (var e in _entries)
        {
            if (e.Interviewer == interviewer && e.Day == day)
            {
                n++;
            }
        }

        return n;
    }

    public int InWeek(int interviewer, int week)
    {
        var n = 0;
        foreach (var e in _entries)
        {
            if (e.Interviewer == interviewer && e.Week == week)
            {
                n++;
            }
        }

        return n;
    }
}
