using GemScheduling.Suggestions.Interviewers;

namespace GemScheduling.Suggestions.Engine.Search;

/// <summary>A validated request in the search's terms. <see cref="Candidate"/> is null when the request cannot be searched at all.</summary>
internal sealed record PreparedRequest(
    SuggestionRequest Request,
    OrgSchedulingDefaults Defaults,
    TimeZoneInfo? CandidateZone,
    CandidateCalendar? Candidate,
    IReadOnlyList<InterviewerCalendar> Interviewers,
    IReadOnlyList<PreparedStep> Steps,
    long Granularity,
    long BreakTicks,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> FatalBlockers)
{
    public SuggestionOptions Options => Request.Options;
}
