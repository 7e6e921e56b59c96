using System.Globalization;
using System.Text;
using GemScheduling.Suggestions.Engine;

namespace GemScheduling.Suggestions.Tests.Support;

/// <summary>A generated request with a readable description for failing-case reports.</summary>
internal sealed record Scenario(SuggestionRequest Request)
{
    public override string ToString()
    {
        var r = Request;
        var o = r.Options;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"candidate {r.CandidateTimeZone}; earliest {o.EarliestStart:u}; latest {o.LatestEnd:u}; ");
        sb.Append(CultureInfo.InvariantCulture, $"order {o.KeepOrder}; break {o.BreakBetween}; maxDays {o.MaxDays}; grid {o.SlotGranularity}\n");
        foreach (var w in r.CandidateWindows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  window {w.Start:u} – {w.End:u}\n");
        }

        foreach (var s in r.Steps)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  step {s.InterviewStepId} {s.Duration} needs {s.InterviewersNeeded} of [{string.Join(",", s.InterviewerPool)}]\n");
        }

        foreach (var p in r.Interviewers.Values)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  user {p.UserId} {p.TimeZone} day≤{p.MaxInterviewsPerDay} week≤{p.MaxInterviewsPerWeek} hours [{string.Join(" ", p.Hours.Select(h => $"{h.Day.ToString()[..2]} {h.Start:HH:mm}-{h.End:HH:mm}"))}]\n");
            foreach (var b in p.Busy)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    busy {b.Start:u} – {b.End:u}{(b.CountsTowardLimits ? " (counts)" : "")}\n");
            }
        }

        return sb.ToString();
    }
}
